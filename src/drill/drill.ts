import { ChaosApi } from '../client/chaos-api.js';
import { HttpClient } from '../client/http-client.js';
import { RtcClient } from '../client/rtc-client.js';
import type { FaultCounts, FaultView } from '../protocol/chaos.js';
import { randomSeed, seededRandom } from '../lib/seeded-random.js';
import { firstDifference, type Difference } from './divergence.js';
import { DrillFaults } from './drill-faults.js';
import { DRILL_RESTAURANTS, embeddedTarget, remoteTarget, type DrillTarget } from './drill-target.js';
import { Operators } from './operators.js';
import { planOrders } from './order-plan.js';
import { percentile } from '../lib/percentile.js';
import type { Expected } from './truth.js';
import { WatcherFleet, type Watcher } from './watchers.js';

export interface DrillOptions {
  watchers: number;
  orders: number;
  /** Fraction of business events dropped while driving; 0 for none. */
  loss: number;
  /** How long the watchers of r1 are cut off, in seconds; 0 for no partition. */
  partitionSeconds: number;
  latencyMs: number;
  /** Fraction of business events sent twice; 0 for none. */
  duplicate: number;
  reorderMs: number;
  /** Seed of every random choice; one is picked (and reported) when not given. */
  seed?: number | undefined;
  /** How long to wait after the heal for every watcher to converge. */
  timeoutSeconds: number;
  /** A running server to drive instead of an embedded one. */
  server?: { url: string; token: string; ca?: string | Buffer | undefined } | undefined;
}

export const DEFAULT_DRILL_OPTIONS: DrillOptions = {
  watchers: 50,
  orders: 200,
  loss: 0.2,
  partitionSeconds: 3,
  latencyMs: 50,
  duplicate: 0.05,
  reorderMs: 20,
  timeoutSeconds: 30,
};

export type DrillPhase = 'connecting' | 'driving' | 'converging';
export interface DrillProgress {
  phase: DrillPhase;
  done: number;
  total: number;
}

export interface Divergence extends Omit<Difference, 'kind'> {
  watcher: string;
  user: string;
  restaurantId: string;
  what: Difference['kind'];
}

/** The faults' counts (summed over the drill's faults), then what the drill saw. */
export interface DrillReport extends FaultCounts {
  converged: boolean;
  divergentWatchers: number;
  watchers: number;
  orders: number;
  /** Events the drive produced (appended to the stores' streams). */
  events: number;
  holes: number;
  resyncs: number;
  reconnects: number;
  operatorErrors: number;
  /** From the heal to each watcher's convergence. */
  recoveryMs: { max: number; p99: number };
  /** From commit to each event's first arrival at each watcher. */
  latencyMs: { p50: number; p99: number };
  seed: number;
  server: string;
  durationMs: number;
  faults: FaultView[];
  firstDivergence: Divergence | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OPERATORS_MAX = 32;
/** Create, advances and cancel: about this many requests per planned order. */
const REQUESTS_PER_ORDER = 4;
const OPERATOR_REQUESTS_PER_SECOND = 8;
/** A remote server's stream can move while we wait (a simulator); re-read it this often. */
const TRUTH_REFRESH_MS = 250;

/**
 * Connects watchers, turns the faults on, drives orders through their lifecycle, heals, then waits
 * for every watcher's board to equal the store and reports what it took.
 */
export async function runDrill(given: DrillOptions, onProgress: (progress: DrillProgress) => void = () => {}): Promise<DrillReport> {
  const started = Date.now();
  const options = { ...given, seed: given.seed ?? randomSeed() };
  const target = options.server ? await remoteTarget(options.server.url, options.server.token, options.server.ca) : await embeddedTarget();
  const fleet = new WatcherFleet(target.url, target.ca);
  const operatorClients: RtcClient[] = [];
  const faults = new DrillFaults(new ChaosApi(new HttpClient({ server: target.url, token: target.superToken, ca: target.ca })));

  try {
    const random = seededRandom(options.seed);
    await fleet.connect(seatsFor(target, options.watchers), (done) => onProgress({ phase: 'connecting', done, total: options.watchers }));
    const { driveMs, operatorCount } = pace(options);
    for (let i = 0; i < operatorCount; i++) {
      const client = new RtcClient({ server: target.url, token: target.superToken, ca: target.ca, requestTimeoutMs: 5000 });
      operatorClients.push(client);
      await client.connect();
    }
    const before = await headSeqs(target);

    // The drill heals explicitly; this only bounds the faults of a drill killed midway.
    const forSeconds = Math.ceil(driveMs / 1000) + 60;
    let seedOffset = 0;
    const seed = () => (options.seed + ++seedOffset) >>> 0;
    for (const restaurantId of DRILL_RESTAURANTS) {
      const scope = { restaurantId, forSeconds };
      if (options.loss > 0) await faults.inject({ type: 'loss', rate: options.loss, seed: seed(), ...scope });
      if (options.duplicate > 0) await faults.inject({ type: 'duplicate', rate: options.duplicate, seed: seed(), ...scope });
      if (options.latencyMs > 0) await faults.inject({ type: 'latency', ms: options.latencyMs, jitter: Math.round(options.latencyMs / 2), seed: seed(), ...scope });
      if (options.reorderMs > 0) await faults.inject({ type: 'reorder', window: options.reorderMs, seed: seed(), ...scope });
    }

    const intervalMs = driveMs / Math.max(1, options.orders);
    const plans = planOrders(options.orders, DRILL_RESTAURANTS, random, intervalMs);
    const operators = new Operators(operatorClients);
    const partition =
      options.partitionSeconds > 0
        ? (async () => {
            await sleep(driveMs * 0.1);
            const fault = await faults.inject({ type: 'partition', restaurantId: 'r1', forSeconds: options.partitionSeconds + 60, seed: seed() });
            await sleep(options.partitionSeconds * 1000);
            await faults.heal(fault.id);
          })()
        : Promise.resolve();
    await Promise.all([operators.drive(plans, intervalMs, (done) => onProgress({ phase: 'driving', done, total: options.orders })), partition]);
    await faults.healAll();
    const healedAt = Date.now();

    const after = await waitForConvergence(target, fleet.watchers, healedAt, options.timeoutSeconds * 1000, (done) =>
      onProgress({ phase: 'converging', done, total: fleet.watchers.length }),
    );
    const divergent: Divergence[] = [];
    for (const watcher of fleet.watchers) {
      const difference = firstDifference(watcher.board, after.get(watcher.restaurantId)!);
      if (difference) divergent.push(describe(watcher, difference));
    }
    const recoveries = fleet.watchers.filter((w) => w.convergedAt !== undefined).map((w) => w.convergedAt! - healedAt);
    return {
      converged: divergent.length === 0,
      divergentWatchers: divergent.length,
      watchers: fleet.watchers.length,
      orders: options.orders,
      events: DRILL_RESTAURANTS.reduce((total, r) => total + after.get(r)!.seq - before.get(r)!, 0),
      dropped: faults.total('dropped'),
      delayed: faults.total('delayed'),
      duplicated: faults.total('duplicated'),
      reordered: faults.total('reordered'),
      partitioned: faults.total('partitioned'),
      ignored: faults.total('ignored'),
      holes: fleet.holes,
      resyncs: fleet.resyncs,
      reconnects: fleet.reconnects,
      operatorErrors: operators.errors,
      recoveryMs: { max: recoveries.length ? Math.max(...recoveries) : 0, p99: reportPercentile(recoveries, 99) },
      latencyMs: { p50: reportPercentile(fleet.latencies, 50), p99: reportPercentile(fleet.latencies, 99) },
      seed: options.seed,
      server: target.label,
      durationMs: Date.now() - started,
      faults: faults.ended,
      firstDivergence: divergent[0] ?? null,
    };
  } finally {
    await faults.abandon();
    fleet.close();
    for (const client of operatorClients) client.close();
    await target.close();
  }
}

/** How long the drive lasts and how many operator sockets share it. */
function pace(options: DrillOptions): { driveMs: number; operatorCount: number } {
  // A running server keeps its rate limit: there, a big drive takes long enough for the operators to stay under it.
  const rateLimitedMs = options.server ? ((options.orders * REQUESTS_PER_ORDER) / (OPERATORS_MAX * OPERATOR_REQUESTS_PER_SECOND)) * 1000 : 0;
  // Long enough that the partition sits inside the drive, with events before, during and after it.
  const driveMs = Math.max(2000, options.partitionSeconds * 2000 + 1000, rateLimitedMs);
  const requestsPerSecond = (options.orders * REQUESTS_PER_ORDER) / (driveMs / 1000);
  return { driveMs, operatorCount: Math.min(OPERATORS_MAX, Math.max(1, Math.ceil(requestsPerSecond / OPERATOR_REQUESTS_PER_SECOND))) };
}

function seatsFor(target: DrillTarget, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const restaurantId = DRILL_RESTAURANTS[i % DRILL_RESTAURANTS.length]!;
    const users = target.watcherTokens[restaurantId]!;
    const user = users[Math.floor(i / DRILL_RESTAURANTS.length) % users.length]!;
    return { name: `w${i + 1}`, restaurantId, username: user.username, token: user.token };
  });
}

async function headSeqs(target: DrillTarget): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (const restaurantId of DRILL_RESTAURANTS) seqs.set(restaurantId, (await target.truth.expected(restaurantId)).seq);
  return seqs;
}

/** Checks every watcher against the store until all match or time is up; answers the last truth read. */
async function waitForConvergence(
  target: DrillTarget,
  watchers: Watcher[],
  healedAt: number,
  timeoutMs: number,
  onConverged: (done: number) => void,
): Promise<Map<string, Expected>> {
  const truth = new Map<string, Expected>();
  let readAt = 0;
  const read = async () => {
    for (const restaurantId of DRILL_RESTAURANTS) truth.set(restaurantId, await target.truth.expected(restaurantId));
    readAt = Date.now();
  };
  await read();
  for (;;) {
    const now = Date.now();
    let done = 0;
    for (const watcher of watchers) {
      if (watcher.convergedAt === undefined && !firstDifference(watcher.board, truth.get(watcher.restaurantId)!)) watcher.convergedAt = now;
      if (watcher.convergedAt !== undefined) done++;
    }
    onConverged(done);
    if (done === watchers.length || now - healedAt > timeoutMs) break;
    await sleep(20);
    if (Date.now() - readAt > TRUTH_REFRESH_MS) {
      // A watcher that matched an older truth must match the new one too.
      const previous = [...truth.values()].map((expected) => expected.seq);
      await read().catch(() => undefined);
      if ([...truth.values()].some((expected, i) => expected.seq !== previous[i])) for (const w of watchers) w.convergedAt = undefined;
    }
  }
  await read().catch(() => undefined);
  return truth;
}

function describe(watcher: Watcher, difference: Difference): Divergence {
  const { kind, ...rest } = difference;
  return { watcher: watcher.name, user: watcher.username, restaurantId: watcher.restaurantId, what: kind, ...rest };
}

/** Nearest-rank percentile of unsorted values; 0 when nothing was measured, so the report's JSON stays numbers. */
function reportPercentile(values: readonly number[], p: number): number {
  return values.length === 0 ? 0 : percentile([...values].sort((a, b) => a - b), p);
}
