import { RtcError } from '../protocol/errors.js';
import type { GlobalFlags } from './main.js';

export interface WatchFlags {
  restaurant?: string;
  order?: string;
  admin?: boolean;
  warn: string;
  late: string;
  bell: boolean;
}

export async function run(flags: GlobalFlags & WatchFlags): Promise<number | void> {
  const json = flags.json || !process.stdout.isTTY;
  if (json) {
    const { runNdjsonWatch } = await import('./watch-ndjson.js');
    return runNdjsonWatch(flags);
  }
  throw new RtcError('INTERNAL', 'the terminal board is not built yet: use --json');
}
