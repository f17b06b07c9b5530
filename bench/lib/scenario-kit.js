/** What every scenario does around its measurement: start servers, fork clients, clean up whatever happens. */
import { fileURLToPath } from 'node:url';
import { forkWorkers, shares, startProbedServer, startRtcServer } from './dist.js';

export const RTC_CLIENTS = fileURLToPath(new URL('../workers/rtc-clients.js', import.meta.url));
export const RAW_CLIENTS = fileURLToPath(new URL('../workers/raw-clients.js', import.meta.url));
export const RAW_SERVER = fileURLToPath(new URL('../baseline/raw-server.js', import.meta.url));

/**
 * Closed loops and 50 events a second from one socket would trip the product's per-socket limit
 * (30 burst, 10/s), which guards against abuse, not load; every rtc server here runs with it lifted.
 */
export const NO_RATE_LIMIT = ['--rate-limit', '1000000:1000000', '--user-rate-limit', '1000000:1000000'];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function startRaw(args = []) {
  return startProbedServer(RAW_SERVER, args);
}

export function startRtc(db, args = []) {
  return startRtcServer(db, [...NO_RATE_LIMIT, ...args]);
}

/** Runs `use` with a started server and forked workers, and stops them all afterwards. */
export async function withServer(start, use) {
  const server = await start();
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

export async function withWorkers(script, processes, use) {
  const workers = forkWorkers(script, processes);
  try {
    return await use(workers);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Asks every worker to do its share of `total` clients. */
export function spread(workers, total, request, payload, timeoutMs = 600_000) {
  const counts = shares(total, workers.length);
  return Promise.all(workers.map((worker, i) => worker.call(request, { ...payload, count: counts[i] }, timeoutMs)));
}
