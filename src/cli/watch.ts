import { resolveContext } from '../client/context.js';
import { RtcClient } from '../client/rtc-client.js';
import type { GlobalFlags } from './main.js';
import { readCa } from './read-ca.js';
import { parseThresholds } from './watch-thresholds.js';
import { watchTarget, whoAmI } from './watch-target.js';

export interface WatchFlags {
  restaurant?: string;
  order?: string;
  admin?: boolean;
  warn: string;
  late: string;
  bell: boolean;
}

/** `rtc watch`: the live terminal UI, or NDJSON for scripts (--json, or stdout not a terminal). */
export async function run(flags: GlobalFlags & WatchFlags): Promise<number | void> {
  const thresholds = parseThresholds(flags.warn, flags.late);
  const context = await resolveContext(flags);
  const ca = readCa(flags.ca);
  const user = await whoAmI(context, ca);
  const target = watchTarget(flags, user);
  const client = new RtcClient({ server: context.server, token: context.token, ca });
  try {
    // Connect before taking over the screen: an unreachable server or a refused token is one line on stderr.
    await client.connect();
    if (flags.json || !process.stdout.isTTY) {
      const { streamEvents } = await import('./watch-ndjson.js');
      return await streamEvents(client, target);
    }
    const { runWatchScreen } = await import('./watch-screen.js');
    await runWatchScreen(client, target, { user, thresholds, bell: flags.bell });
    return 0;
  } finally {
    client.close();
  }
}
