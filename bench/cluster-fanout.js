#!/usr/bin/env node
// Fan-out latency of one rtc node versus three nodes joined by Redis, measured in one run.
//
//   npm run build && node bench/cluster-fanout.js [--watchers 20] [--events 300] [--interval-ms 10]
//
// Needs redis-server on PATH and a PostgreSQL server (RTC_BENCH_POSTGRES, default
// postgres://postgres@127.0.0.1:5432/postgres) where it may create and drop a database.
// Both setups use the same kind of PostgreSQL store, so the difference is the Redis hop.
// Latency: from an operator sending order_advance to a watcher receiving that order_status_updated,
// all clients in this process (one clock). Default batching (10 ms window for busy rooms) applies.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { RtcClient } from '../dist/client/rtc-client.js';
import { percentile } from '../dist/lib/percentile.js';

const { values: flags } = parseArgs({
  options: {
    watchers: { type: 'string', default: '20' },
    events: { type: 'string', default: '300' },
    'interval-ms': { type: 'string', default: '10' },
  },
});
const WATCHERS_PER_NODE = Number(flags.watchers);
const EVENTS = Number(flags.events);
const INTERVAL_MS = Number(flags['interval-ms']);
const ADMIN_URL = process.env.RTC_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RTC_BIN = new URL('../bin/rtc.js', import.meta.url).pathname;
const SECRET = randomBytes(32).toString('hex');

const children = new Set();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(command, args, readyWhen) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, RTC_JWT_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (readyWhen(out)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (children.delete(child), reject(new Error(`${command} exited with ${code}: ${out.slice(-2000)}`))));
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
}

async function startNode(store, redis) {
  const port = await freePort();
  const args = [RTC_BIN, 'serve', '--json', '--port', String(port), '--store', store, '--demo', '--rate-limit', '100000:100000', '--user-rate-limit', '100000:100000', '--log-level', 'warn'];
  if (redis) args.push('--redis', redis);
  await start(process.execPath, args, (out) => out.includes('"url"'));
  return `http://127.0.0.1:${port}`;
}

async function login(url, username) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  return (await response.json()).token;
}

function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x) => Math.round(x * 100) / 100;
  return { samples: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]) };
}

/** One operator on nodes[0]; WATCHERS_PER_NODE watchers of r1 on every node; latency per watcher node. */
async function measure(nodes) {
  const clients = [];
  const sentAt = new Map();
  const latencies = nodes.map(() => []);
  const token = await login(nodes[0], 'chef');
  for (const [n, url] of nodes.entries()) {
    for (let i = 0; i < WATCHERS_PER_NODE; i++) {
      const client = new RtcClient({ server: url, token });
      clients.push(client);
      await client.connect();
      const board = client.watchRestaurant('r1');
      while (!board.hasState) await sleep(5);
      client.on('event', ({ event, data }) => {
        if (event !== 'order_status_updated' || data.replay) return;
        const sent = sentAt.get(`${data.orderId}/${data.version}`);
        if (sent !== undefined) latencies[n].push(performance.now() - sent);
      });
    }
  }
  const operator = new RtcClient({ server: nodes[0], token });
  clients.push(operator);
  await operator.connect();
  let order = (await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Bench', qty: 1 }], amount: 1 })).order;
  for (let i = 0; i < EVENTS; i++) {
    if (order.status === 'Out for Delivery') order = (await operator.createOrder({ restaurantId: 'r1', items: [{ name: 'Bench', qty: 1 }], amount: 1 })).order;
    sentAt.set(`${order.id}/${order.version + 1}`, performance.now());
    order = (await operator.advance(order.id)).order;
    await sleep(INTERVAL_MS);
  }
  await sleep(1000);
  // Deliveries that came as a replay after a hole are not timed; the count says how often that happened.
  const holes = clients.reduce((sum, client) => sum + client.holes, 0);
  for (const client of clients) client.close();
  return { latencies, holes };
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const databases = [];
  const newDatabase = async () => {
    const name = `rtc_bench_${randomBytes(5).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    databases.push(name);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  try {
    const single = await startNode(await newDatabase());
    const one = await measure([single]);
    for (const child of [...children]) await stop(child);

    const redisPort = await freePort();
    await start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], (out) => out.includes('Ready to accept'));
    const store = await newDatabase();
    const redis = `redis://127.0.0.1:${redisPort}`;
    const cluster = await Promise.all([0, 1, 2].map(() => startNode(store, redis)));
    const three = await measure(cluster);

    const results = {
      setup: { watchersPerNode: WATCHERS_PER_NODE, events: EVENTS, intervalMs: INTERVAL_MS, node: process.version },
      oneNode: { ...summary(one.latencies[0]), holes: one.holes },
      threeNodes: {
        sameNode: summary(three.latencies[0]),
        otherNodes: summary([...three.latencies[1], ...three.latencies[2]]),
        all: summary(three.latencies.flat()),
        holes: three.holes,
      },
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(`\nfan-out latency (ms, advance sent -> watcher received), ${EVENTS} events`);
    console.log(`  one node               p50 ${results.oneNode.p50}  p99 ${results.oneNode.p99}  (${results.oneNode.samples} deliveries)`);
    console.log(`  3 nodes, same node     p50 ${results.threeNodes.sameNode.p50}  p99 ${results.threeNodes.sameNode.p99}`);
    console.log(`  3 nodes, other nodes   p50 ${results.threeNodes.otherNodes.p50}  p99 ${results.threeNodes.otherNodes.p99}`);
    console.log(`  holes healed by replay: one node ${one.holes}, 3 nodes ${three.holes}`);
  } finally {
    for (const child of [...children]) await stop(child);
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

process.on('SIGINT', async () => {
  for (const child of [...children]) child.kill('SIGKILL');
  process.exit(130);
});

await main();
