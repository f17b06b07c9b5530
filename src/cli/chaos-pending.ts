import { RtcError } from '../protocol/errors.js';

export async function run(): Promise<never> {
  throw new RtcError('INTERNAL', 'rtc chaos is not built yet');
}
