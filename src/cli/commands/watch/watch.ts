import { resolveContext } from '../../../client/context.js';
import { AccountsApi, restaurantLabel, restaurantNames } from '../../../client/accounts-api.js';
import type { ClientContext } from '../../../client/context.js';
import { inertText } from '../../../protocol/inert-text.js';
import { HttpClient } from '../../../client/http-client.js';
import { profileSessionFor, type ProfileSession } from '../../../client/profile-session.js';
import { RtcClient } from '../../../client/rtc-client.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import type { WatchFlags } from './flags.js';
import { readCa } from '../../program/read-ca.js';
import { parseThresholds } from './thresholds.js';
import { checkTargetIds, watchTarget, whoAmI } from './target.js';

/** `rtc watch`: the live terminal UI, or NDJSON for scripts (--json, or stdout not a terminal). */
export async function run(flags: GlobalFlags & WatchFlags): Promise<number | void> {
  const thresholds = parseThresholds(flags.warn, flags.late);
  const context = await resolveContext(flags);
  const ca = readCa(flags.ca);
  checkTargetIds(flags); // before GET /api/me: a bad id is the user's to fix, whatever the server says
  const user = await whoAmI(context, ca);
  const target = watchTarget(flags, user);
  // A profile login is renewed for as long as the board runs, and a new login picked up after it ends.
  const session = await profileSessionFor(context, flags.profile, ca);
  const client = new RtcClient({ server: context.server, token: context.token, ca, session });
  try {
    // Connect before taking over the screen: an unreachable server or a refused token is one line on stderr.
    await client.connect();
    if (flags.json || !process.stdout.isTTY) {
      const { streamEvents } = await import('./ndjson.js');
      return await streamEvents(client, target);
    }
    const { runWatchScreen } = await import('./screen.js');
    const restaurantName = target.kind === 'restaurant' ? await nameOf(target.restaurantId, context, ca, session) : undefined;
    await runWatchScreen(client, target, { user, thresholds, bell: flags.bell, restaurantName, orderHistory: (id) => client.orderHistory(id) });
    return 0;
  } finally {
    client.close();
  }
}

/** "Demo Bistro (r1)" for the board's header, or the id alone when the server does not say. */
async function nameOf(restaurantId: string, context: ClientContext, ca: Buffer | undefined, session: ProfileSession | undefined): Promise<string> {
  const http = new HttpClient({ server: context.server, ca, ...(session ? { session } : { token: context.token }) });
  return inertText(restaurantLabel(restaurantId, await restaurantNames(new AccountsApi(http))));
}
