/**
 * Scenario 3, memory per idle watcher: the server's RSS and heap (after a forced GC, measured from
 * inside by the probe) as watchers connect in steps, rtc (authenticated, in its restaurant room,
 * board loaded) against raw Socket.IO connections that joined one room. The per-watcher figure is
 * marginal: the growth from the first step to the last, divided by the watchers added.
 */
import { round } from '../lib/dist.js';
import { loginDemo, tempDb } from '../lib/rtc-fixtures.js';
import { RAW_CLIENTS, RTC_CLIENTS, sleep, spread, startRaw, startRtc, withServer, withWorkers } from '../lib/scenario-kit.js';

const PER_PROCESS = 500;

async function steps(server, clientsScript, token, counts, progress, name) {
  const total = counts[counts.length - 1];
  return withWorkers(clientsScript, Math.ceil(total / PER_PROCESS), async (workers) => {
    const idle = await server.probe(true);
    const points = [{ watchers: 0, rss: idle.memory.rss, heapUsed: idle.memory.heapUsed }];
    let connected = 0;
    for (const count of counts) {
      progress(`${name}: ${count} idle watchers`);
      await spread(workers, count - connected, 'watch', { url: server.url, token, restaurants: ['r1'], record: false });
      connected = count;
      await sleep(2000); // let the joins' buffers drain before measuring
      const sample = await server.probe(true);
      points.push({ watchers: count, rss: sample.memory.rss, heapUsed: sample.memory.heapUsed, sockets: sample.openSockets });
    }
    const first = points[1];
    const last = points[points.length - 1];
    const added = last.watchers - first.watchers;
    // With a single step, marginal from zero watchers.
    const from = added > 0 ? first : points[0];
    const n = last.watchers - from.watchers;
    return {
      points,
      heapPerWatcherKB: round((last.heapUsed - from.heapUsed) / n / 1024),
      rssPerWatcherKB: round((last.rss - from.rss) / n / 1024),
    };
  });
}

export async function runMemory({ counts }, progress) {
  const raw = await withServer(() => startRaw(), (server) => steps(server, RAW_CLIENTS, undefined, counts, progress, 'raw Socket.IO'));
  const { db, cleanup } = tempDb();
  let rtc;
  try {
    rtc = await withServer(
      () => startRtc(db),
      async (server) => steps(server, RTC_CLIENTS, await loginDemo(server.url, 'chef'), counts, progress, 'rtc'),
    );
  } finally {
    cleanup();
  }
  const heap = round(rtc.heapPerWatcherKB / raw.heapPerWatcherKB);
  const rss = round(rtc.rssPerWatcherKB / raw.rssPerWatcherKB);
  return { counts, rtc, raw, ratio: { heap, rss }, target: { heap: 1.2, rss: 1.2 }, met: heap <= 1.2 && rss <= 1.2 };
}
