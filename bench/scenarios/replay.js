/**
 * Scenario 5, replay: a client whose board stands at seq 0 re-joins with `since` while the
 * restaurant's log holds N newer events; time from connect() until its board has applied the last.
 * The board is primed as a reconnecting client's would be (epoch known, seq 0), through the real client.
 */
import { RtcClient } from '../../dist/client/rtc-client.js';
import { nowMs, round } from '../lib/dist.js';
import { appendEvents, loginDemo, prefill, tempDb } from '../lib/rtc-fixtures.js';
import { startRtc, withServer } from '../lib/scenario-kit.js';

async function catchUp(url, token, epoch, head, compact) {
  const client = new RtcClient({ server: url, token, compact });
  try {
    const board = client.watchRestaurant('r1');
    board.loadSnapshot({ epoch, seq: 0, orders: [] });
    const started = nowMs();
    const caughtUp = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not caught up after 60 s (seq ${board.seq} of ${head})`)), 60_000);
      client.on('board', () => board.seq >= head && (clearTimeout(timer), resolve()));
    });
    await client.connect(30_000);
    await caughtUp;
    return { ms: round(nowMs() - started), resyncs: client.resyncs, holes: client.holes };
  } finally {
    client.close();
  }
}

export async function runReplay({ events, runs }, progress) {
  const { db, cleanup } = tempDb();
  try {
    progress(`writing ${events} events into a fresh log`);
    const { epoch } = await prefill(db, (store) => appendEvents(store, events));
    return await withServer(
      () => startRtc(db),
      async (server) => {
        const token = await loginDemo(server.url, 'chef');
        const batched = [];
        const oneByOne = [];
        // Alternate the two ways a client can ask for its replay; the first run also warms the page cache.
        for (let i = 0; i < runs; i++) {
          progress(`replaying ${events} events (${i + 1}/${runs})`);
          batched.push(await catchUp(server.url, token, epoch, events, true));
          oneByOne.push(await catchUp(server.url, token, epoch, events, false));
        }
        const best = (list) => Math.min(...list.map((r) => r.ms));
        const median = (list) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor((list.length - 1) / 2)].ms;
        return {
          events,
          runs,
          batchedMs: { median: median(batched), best: best(batched) },
          oneByOneMs: { median: median(oneByOne), best: best(oneByOne) },
          resyncs: batched.concat(oneByOne).reduce((sum, r) => sum + r.resyncs, 0),
          target: { ms: 1000 },
          met: median(batched) < 1000,
        };
      },
    );
  } finally {
    cleanup();
  }
}
