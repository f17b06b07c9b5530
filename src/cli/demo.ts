import { RtcError } from '../protocol/errors.js';

export async function run(): Promise<never> {
  throw new RtcError('INTERNAL', 'rtc demo is not built yet: run rtc serve --demo --simulate');
}
