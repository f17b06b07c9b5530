import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../client/http-client.js';
import { RtcClient } from '../client/rtc-client.js';
import { RtcError } from '../protocol/errors.js';
import { refereeTruth, storeTruth, type Truth } from './truth.js';

export const DRILL_RESTAURANTS = ['r1', 'r2'] as const;

/** The server a drill runs against, the tokens it acts with, and where it reads the truth. */
export interface DrillTarget {
  /** 'embedded', or the URL of the server it drove. */
  label: string;
  url: string;
  ca: string | Buffer | undefined;
  /** A superadmin token: operators and the chaos API. */
  superToken: string;
  /** Tokens of users who may watch each restaurant; watchers take them in turn. */
  watcherTokens: Record<string, { username: string; token: string }[]>;
  truth: Truth;
  close(): Promise<void>;
}

/** Who may watch which demo restaurant, so that watchers are not all the same user. */
const DEMO_WATCHERS: Record<string, string[]> = { r1: ['chef', 'owner', 'super'], r2: ['chef2', 'super'] };

/** A server of its own on a temporary SQLite file with the demo data: no setup, nothing left behind. */
export async function embeddedTarget(): Promise<DrillTarget> {
  const [{ startServer }, { pino }] = await Promise.all([import('../server/app.js'), import('pino')]);
  const dir = mkdtempSync(join(tmpdir(), 'rtc-drill-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: join(dir, 'drill.db'),
    demo: true,
    logger: pino({ level: 'silent' }),
    // The drill's operators drive hundreds of orders from a few sockets; the default limit is for people.
    rateLimit: { burst: 100_000, perSecond: 100_000 },
    userRateLimit: { burst: 100_000, perSecond: 100_000 },
    // A head every second lets a watcher that lost the last events find out soon after the heal.
    streamHeadMs: 1000,
  });
  try {
    const http = new HttpClient({ server: server.url });
    const tokens = new Map<string, string>();
    for (const username of new Set(Object.values(DEMO_WATCHERS).flat())) tokens.set(username, (await http.login(username, username)).token);
    return {
      label: 'embedded',
      url: server.url,
      ca: undefined,
      superToken: tokens.get('super')!,
      watcherTokens: Object.fromEntries(
        Object.entries(DEMO_WATCHERS).map(([restaurantId, users]) => [restaurantId, users.map((username) => ({ username, token: tokens.get(username)! }))]),
      ),
      truth: storeTruth(server.store),
      async close() {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A running server: everything acts with the given superadmin token, and a referee client reads the truth. */
export async function remoteTarget(url: string, token: string, ca: string | Buffer | undefined): Promise<DrillTarget> {
  const { user } = await new HttpClient({ server: url, token, ca }).me();
  if (user.role !== 'superadmin') {
    throw new RtcError('FORBIDDEN', `the drill injects faults, which needs a superadmin; ${user.username} is ${user.role}: log in as one with rtc login`);
  }
  const referee = new RtcClient({ server: url, token, ca });
  await referee.connect();
  const truth = refereeTruth(referee);
  try {
    for (const restaurantId of DRILL_RESTAURANTS) {
      await truth.expected(restaurantId);
      // Out of the rooms while faults are on: the referee must not be one of the clients they hit.
      await referee.request('leave_restaurant_room', { restaurantId });
    }
  } catch (error) {
    referee.close();
    if (error instanceof RtcError && error.code === 'NOT_FOUND') {
      throw new RtcError('NOT_FOUND', `the drill needs restaurants ${DRILL_RESTAURANTS.join(' and ')} on ${url}: start it with rtc serve --demo`);
    }
    throw error;
  }
  return {
    label: url,
    url,
    ca,
    superToken: token,
    watcherTokens: Object.fromEntries(DRILL_RESTAURANTS.map((restaurantId) => [restaurantId, [{ username: user.username, token }]])),
    truth,
    async close() {
      referee.close();
    },
  };
}
