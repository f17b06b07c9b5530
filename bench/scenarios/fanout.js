/**
 * Scenario 1, fan-out: W watchers in R restaurant rooms; one operator creates and advances orders
 * at a fixed rate; latency from the operator's emit to each watcher's receipt. rtc and the raw
 * Socket.IO broadcast run back to back in the same run, with the same number of client processes.
 */
import { ratio, summarize, probeDelta } from '../lib/dist.js';
import { addRestaurants, benchRestaurants, loginDemo, prefill, tempDb } from '../lib/rtc-fixtures.js';
import { RAW_CLIENTS, RTC_CLIENTS, sleep, spread, startRaw, startRtc, withServer, withWorkers } from '../lib/scenario-kit.js';

const PER_PROCESS = 350;

async function measure({ server, clientsScript, token, watchers, restaurants, plan, perProcess = PER_PROCESS }) {
  const processes = Math.max(1, Math.ceil(watchers / perProcess));
  return withWorkers(clientsScript, processes + 1, async (workers) => {
    const [operator, ...watching] = workers;
    await spread(watching, watchers, 'watch', { url: server.url, token, restaurants });
    await sleep(500);
    const before = await server.probe();
    const run = await operator.call('operate', { url: server.url, token, plan }, 300_000);
    await sleep(1500); // deliveries still in flight when the last ack came back
    const after = await server.probe();
    const parts = await Promise.all(watching.map((worker) => worker.call('latencies', { emits: run.emits })));
    const latencies = parts.flatMap((part) => part.latencies);
    // The first receipt of each event anywhere: the server's share of the latency (emit to first frame out).
    const firstReceipt = {};
    for (const part of parts) for (const [key, ms] of Object.entries(part.firstByKey)) firstReceipt[key] = Math.min(firstReceipt[key] ?? Infinity, ms);
    const expected = (plan.events * watchers) / restaurants.length;
    return {
      ...summarize(latencies),
      firstReceiptMs: summarize(Object.values(firstReceipt)),
      // The events whose first frame left latest, by their place in the run (0 = first event): warm-up or a stall.
      slowestEvents: Object.entries(run.emits)
        .sort((a, b) => a[1] - b[1])
        .map(([key], index) => ({ index, firstReceiptMs: firstReceipt[key] }))
        .sort((a, b) => (b.firstReceiptMs ?? 0) - (a.firstReceiptMs ?? 0))
        .slice(0, 3),
      expected,
      lost: expected - latencies.length,
      unmatched: parts.reduce((sum, part) => sum + part.unmatched, 0),
      operatorErrors: run.errors,
      sendSeconds: Math.round(run.seconds * 100) / 100,
      serverCpuSeconds: Math.round(probeDelta(before, after).cpuSeconds * 100) / 100,
      // After the run, without a forced GC: what the process holds with every watcher connected.
      serverRssMB: Math.round(after.memory.rss / 1024 / 1024),
      // Watchers share the cores with the server: what receiving cost them matters to every latency here.
      clientCpuSeconds: Math.round(parts.reduce((sum, part) => sum + part.clientCpuSeconds, 0) * 100) / 100,
    };
  });
}

/** Scenario 8 measures the idle chaos module: make sure it is idle. */
async function assertNoFault(url) {
  const token = await loginDemo(url, 'super');
  const response = await fetch(`${url}/api/chaos/faults`, { headers: { authorization: `Bearer ${token}` } });
  const { faults } = await response.json();
  if (!response.ok || faults.length !== 0) throw new Error(`expected no chaos fault, found ${JSON.stringify(faults)}`);
}

async function rtcSide(options) {
  const { db, cleanup } = tempDb();
  try {
    const restaurants = options.rooms === 1 ? ['r1'] : benchRestaurants(options.rooms);
    if (options.rooms > 1) await prefill(db, (store) => addRestaurants(store, restaurants));
    return await withServer(
      // serveArgs: for experiments by hand (e.g. ['--batch-ms', '0']); the suite runs rtc's defaults.
      () => startRtc(db, options.serveArgs ?? []),
      async (server) => {
        // chef works in r1; the superadmin may watch and order in any restaurant.
        const token = await loginDemo(server.url, options.rooms === 1 ? 'chef' : 'super');
        if (options.checkNoFault) await assertNoFault(server.url);
        return measure({ server, clientsScript: RTC_CLIENTS, token, restaurants, watchers: options.watchers, perProcess: options.perProcess, plan: { ...options.plan, restaurants } });
      },
    );
  } finally {
    cleanup();
  }
}

async function rawSide(options) {
  const restaurants = options.rooms === 1 ? ['r1'] : benchRestaurants(options.rooms);
  return withServer(
    () => startRaw(),
    (server) => measure({ server, clientsScript: RAW_CLIENTS, restaurants, watchers: options.watchers, perProcess: options.perProcess, plan: { ...options.plan, restaurants } }),
  );
}

/**
 * options: { watchers, rooms, plan: { events, stepsPerOrder, ratePerSecond } }. The baseline runs
 * first: whichever goes first meets a cooler machine, and that must not be rtc's advantage.
 */
export async function runFanout(options, progress) {
  progress(`raw Socket.IO, ${options.watchers} watchers in ${options.rooms} room(s)`);
  const raw = await rawSide(options);
  progress(`rtc, ${options.watchers} watchers in ${options.rooms} room(s)`);
  const rtc = await rtcSide(options);
  return {
    watchers: options.watchers,
    rooms: options.rooms,
    events: options.plan.events,
    ratePerSecond: options.plan.ratePerSecond,
    rtc,
    raw,
    ratio: { p50: ratio(rtc.p50, raw.p50), p95: ratio(rtc.p95, raw.p95), p99: ratio(rtc.p99, raw.p99), max: ratio(rtc.max, raw.max) },
    target: { p50: 1.25, p99: 1.25 },
    met: ratio(rtc.p50, raw.p50) <= 1.25 && ratio(rtc.p99, raw.p99) <= 1.25 && rtc.lost === 0,
  };
}
