/**
 * Scenario 2, command throughput: operators in a closed loop, each sending its next command as soon
 * as the last is acked. rtc runs `order_advance` through auth, the rate limiter (lifted), size check,
 * zod, the order service and one SQLite transaction; the baselines ack an echo, and an echo after
 * one better-sqlite3 insert with the same journal settings (WAL + synchronous=NORMAL).
 */
import { probeDelta, ratio, round, shares, summarize } from '../lib/dist.js';
import { createOrders, loginDemo, prefill, tempDb } from '../lib/rtc-fixtures.js';
import { RAW_CLIENTS, RTC_CLIENTS, startRaw, startRtc, withServer, withWorkers } from '../lib/scenario-kit.js';

const PROCESSES = 2;

function figures(parts, before, after) {
  const acks = parts.reduce((sum, part) => sum + part.acks, 0);
  const seconds = Math.max(...parts.map((part) => part.seconds));
  return {
    acks,
    acksPerSecond: Math.round(acks / seconds),
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
    latencyMs: summarize(parts.flatMap((part) => part.latencies)),
    serverCpuSeconds: round(probeDelta(before, after).cpuSeconds),
    // What one ack costs the server: steadier than acks/s when other work shares the cores.
    serverCpuMicrosPerAck: Math.round((probeDelta(before, after).cpuSeconds * 1e6) / Math.max(1, acks)),
    clientCpuSeconds: round(parts.reduce((sum, part) => sum + part.clientCpuSeconds, 0)),
    seconds: round(seconds),
  };
}

async function raw(event, operators, seconds, dbArgs) {
  return withServer(
    () => startRaw(dbArgs),
    (server) =>
      withWorkers(RAW_CLIENTS, PROCESSES, async (workers) => {
        const counts = shares(operators, PROCESSES);
        const before = await server.probe();
        const parts = await Promise.all(workers.map((worker, i) => worker.call('closedLoop', { url: server.url, clients: counts[i], seconds, event })));
        return figures(parts, before, await server.probe());
      }),
  );
}

async function rtc(operators, seconds, ordersPerOperator, serveArgs = []) {
  const { db, cleanup } = tempDb();
  try {
    // Four advances per order: enough orders that no operator runs out at several times the baseline's rate.
    const { result: ids } = await prefill(db, (store) => createOrders(store, operators * ordersPerOperator));
    return await withServer(
      () => startRtc(db, serveArgs),
      async (server) => {
        const token = await loginDemo(server.url, 'chef');
        return withWorkers(RTC_CLIENTS, PROCESSES, async (workers) => {
          const counts = shares(operators, PROCESSES);
          let next = 0;
          const orderIds = counts.map((count) => Array.from({ length: count }, () => ids.slice(next * ordersPerOperator, ++next * ordersPerOperator)));
          const before = await server.probe();
          const parts = await Promise.all(workers.map((worker, i) => worker.call('closedLoop', { url: server.url, token, orderIds: orderIds[i], seconds })));
          const result = figures(parts, before, await server.probe());
          return { ...result, ranOutOfOrders: result.acks >= operators * ordersPerOperator * 4 * 0.99 };
        });
      },
    );
  } finally {
    cleanup();
  }
}

export async function runThroughput({ operators, seconds, ordersPerOperator }, progress) {
  progress(`raw ack echo, ${operators} operators, ${seconds} s`);
  const echo = await raw('echo', operators, seconds, []);
  const { db, cleanup } = tempDb();
  let insert;
  try {
    progress(`raw ack + SQLite insert, ${operators} operators, ${seconds} s`);
    insert = await raw('insert', operators, seconds, ['--db', db]);
  } finally {
    cleanup();
  }
  progress(`rtc order_advance, ${operators} operators, ${seconds} s`);
  const ours = await rtc(operators, seconds, ordersPerOperator);
  // Power-loss durability (rtc serve --sync full) against an insert with synchronous=FULL.
  const full = {};
  const fullDb = tempDb();
  try {
    progress(`raw ack + SQLite insert (synchronous=FULL), ${operators} operators, ${seconds} s`);
    full.rawInsert = await raw('insert', operators, seconds, ['--db', fullDb.db, '--sync', 'full']);
  } finally {
    fullDb.cleanup();
  }
  progress(`rtc order_advance --sync full, ${operators} operators, ${seconds} s`);
  full.rtc = await rtc(operators, seconds, ordersPerOperator, ['--sync', 'full']);
  full.ratio = { vsRawInsert: ratio(full.rtc.acksPerSecond, full.rawInsert.acksPerSecond), vsNormal: ratio(full.rtc.acksPerSecond, ours.acksPerSecond) };
  const vsInsert = ratio(ours.acksPerSecond, insert.acksPerSecond);
  return {
    operators,
    seconds,
    synchronous: 'WAL + NORMAL',
    rtc: ours,
    rawEcho: echo,
    rawInsert: insert,
    ratio: { vsRawInsert: vsInsert, cpuPerAckVsRawInsert: ratio(ours.serverCpuMicrosPerAck, insert.serverCpuMicrosPerAck), vsRawEcho: ratio(ours.acksPerSecond, echo.acksPerSecond), p99VsRawInsert: ratio(ours.latencyMs.p99, insert.latencyMs.p99) },
    syncFull: full,
    target: { vsRawInsert: 0.7 },
    met: vsInsert >= 0.7,
  };
}
