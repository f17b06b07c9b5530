import { resolveContext } from '../../../client/context.js';
import { HttpClient } from '../../../client/http-client.js';
import { RtcClient } from '../../../client/rtc-client.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import type { WatchFlags } from './flags.js';
import { readCa } from '../../program/read-ca.js';
import { parseThresholds } from './thresholds.js';
import { watchTarget, whoAmI } from './target.js';

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
      const { streamEvents } = await import('./ndjson.js');
      return await streamEvents(client, target);
    }
    const { runWatchScreen } = await import('./screen.js');
    const http = new HttpClient({ server: context.server, token: context.token, ca });
    await runWatchScreen(client, target, { user, thresholds, bell: flags.bell, orderHistory: (id) => http.getOrder(id) });
    return 0;
  } finally {
    client.close();
  }
}
