import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkWorkers, shares, type BenchWorker } from './process-pool.js';
import { probeDelta, startRtcServer, type ProbedServer } from './server.js';

/** The forked load client; found from the package root, as `PROBE_URL` in server.ts is (dist/bench or dist/bundle). */
export const LOAD_WORKER = fileURLToPath(new URL('../../dist/bench/rtc-load-worker.js', import.meta.url));

/** One side of the comparison: a server, the client script that speaks to it, and how to send one update. */
export interface PushPollTarget {
  name: string;
  workerScript: string;
  start(): Promise<ProbedServer>;
  /** Runs once the server is up: answers what pollers fetch, what watchers join, and how to publish. */
  prepare(server: ProbedServer, updates: number): Promise<{ token?: string; pollUrls: string[]; restaurantId: string; publish(i: number): Promise<void> }>;
  cleanup?(): void;
}

export interface PushPollOptions {
  clients: number;
  seconds: number;
  pollIntervalMs: number;
  /** One update to every watcher this often (the scenario's "one update a minute"). */
  updateEveryMs: number;
  clientsPerProcess: number;
  onProgress?: (text: string) => void;
}

export interface PhaseFigures {
  cpuSeconds: number;
  bytesSent: number;
  bytesReceived: number;
  /** Polls answered, or business events received over all watchers. */
  delivered: number;
  errors: number;
}

export interface PushPollResult {
  target: string;
  clients: number;
  seconds: number;
  updates: number;
  poll: PhaseFigures;
  push: PhaseFigures;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withWorkers<T>(script: string, clients: number, perProcess: number, run: (workers: BenchWorker[], counts: number[]) => Promise<T>): Promise<T> {
  const processes = Math.max(1, Math.ceil(clients / perProcess));
  const workers = forkWorkers(script, processes);
  try {
    return await run(workers, shares(clients, processes));
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Updates spread over the window: one every updateEveryMs, the first half an interval in, at least one. */
function updateTimes(seconds: number, everyMs: number): number[] {
  const count = Math.max(1, Math.round((seconds * 1000) / everyMs));
  const gap = (seconds * 1000) / count;
  return Array.from({ length: count }, (_, i) => Math.round(gap * (i + 0.5)));
}

/**
 * Polling phase, then push phase, on one server: the server's CPU seconds and the bytes its sockets
 * wrote during each window, connection set-up excluded (it happens before the first probe).
 */
export async function measurePushVsPoll(target: PushPollTarget, options: PushPollOptions): Promise<PushPollResult> {
  const say = options.onProgress ?? (() => {});
  const server = await target.start();
  const times = updateTimes(options.seconds, options.updateEveryMs);
  try {
    const prepared = await target.prepare(server, times.length);
    const url = server.url;

    say(`${target.name}: ${options.clients} pollers every ${options.pollIntervalMs / 1000} s for ${options.seconds} s`);
    const poll = await withWorkers(target.workerScript, options.clients, options.clientsPerProcess, async (workers, counts) => {
      let offset = 0;
      const before = await server.probe();
      await Promise.all(
        workers.map((worker, i) => {
          const urls = Array.from({ length: counts[i]! }, (_, j) => `${url}${prepared.pollUrls[(offset + j) % prepared.pollUrls.length]}`);
          offset += counts[i]!;
          return worker.call('poll', { urls, token: prepared.token, intervalMs: options.pollIntervalMs });
        }),
      );
      await sleep(options.seconds * 1000);
      const after = await server.probe();
      const stopped = await Promise.all(workers.map((worker) => worker.call<{ polls: number; pollErrors: number }>('stop')));
      return {
        ...probeDelta(before, after),
        delivered: stopped.reduce((sum, s) => sum + s.polls, 0),
        errors: stopped.reduce((sum, s) => sum + s.pollErrors, 0),
      };
    });

    say(`${target.name}: ${options.clients} watchers, ${times.length} update(s) in ${options.seconds} s`);
    const push = await withWorkers(target.workerScript, options.clients, options.clientsPerProcess, async (workers, counts) => {
      await Promise.all(workers.map((worker, i) => worker.call('watch', { url, token: prepared.token, count: counts[i], restaurantId: prepared.restaurantId }, 300_000)));
      await sleep(1000); // let the joins' own traffic settle before the window opens
      const before = await server.probe();
      const started = Date.now();
      for (const [i, at] of times.entries()) {
        await sleep(Math.max(0, at - (Date.now() - started)));
        await prepared.publish(i);
      }
      await sleep(Math.max(0, options.seconds * 1000 - (Date.now() - started)));
      const after = await server.probe();
      const stopped = await Promise.all(workers.map((worker) => worker.call<{ received: number }>('stop')));
      return { ...probeDelta(before, after), delivered: stopped.reduce((sum, s) => sum + s.received, 0), errors: 0 };
    });

    return { target: target.name, clients: options.clients, seconds: options.seconds, updates: times.length, poll, push };
  } finally {
    await server.stop();
    target.cleanup?.();
  }
}

async function httpJson(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<any> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function loginDemo(url: string, username: string): Promise<string> {
  return ((await httpJson(`${url}/api/auth/login`, { method: 'POST', body: { username, password: username } })) as { token: string }).token;
}

/**
 * rtc's side: pollers GET an order's status (GET /api/orders/:id, as a customer's app would),
 * watchers keep a kitchen board of restaurant r1; an update is that order advancing one step.
 */
export function rtcPushPollTarget(extraServeArgs: string[] = []): PushPollTarget {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-bench-'));
  return {
    name: 'rtc',
    workerScript: LOAD_WORKER,
    // A poller and a watcher are each one client, but all of them poll as chef: lift the per-user limit.
    start: () => startRtcServer(join(dir, 'rtc.db'), ['--user-rate-limit', '1000000:1000000', ...extraServeArgs]),
    async prepare(server, updates) {
      const token = await loginDemo(server.url, 'chef');
      const ids: string[] = [];
      for (let i = 0; i < updates; i++) {
        const { order } = await httpJson(`${server.url}/api/orders`, {
          method: 'POST',
          token,
          body: { restaurantId: 'r1', items: [{ name: 'Burger', qty: 2 }, { name: 'Fries', qty: 1 }], amount: 23.5, customerName: 'Poll' },
        });
        ids.push(order.id as string);
      }
      return {
        token,
        restaurantId: 'r1',
        pollUrls: ids.map((id) => `/api/orders/${id}`),
        publish: async (i) => void (await httpJson(`${server.url}/api/orders/${ids[i]}/advance`, { method: 'POST', token, body: {} })),
      };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
