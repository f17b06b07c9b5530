// How the server answers while another process holds SQLite's write lock on its database: a child
// `node -e` holds BEGIN IMMEDIATE for a few seconds, a client keeps creating orders one after another,
// and /healthz is probed every 50 ms. Plain ESM over ../dist and ../bin (run `npm run build` first).
//
//   node bench/store-lock-latency.js [holdSeconds]      prints one JSON document on stdout
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { percentile } from '../dist/lib/percentile.js';

const holdSeconds = Number(process.argv[2] ?? 6);
const bin = fileURLToPath(new URL('../bin/rtc.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rtc-lock-bench-'));
const db = join(dir, 'rtc.db');

const server = spawn(process.execPath, [bin, 'serve', '--demo', '--json', '--port', '0', '--log-level', 'silent', '--db', db, '--rate-limit', '100000:100000'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url } = JSON.parse(await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve)));
const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chef', password: 'chef' }) });
const { token } = await login.json();

// The other process: takes the write lock, says so, holds it, lets go.
const holder = spawn(
  process.execPath,
  [
    '-e',
    `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('held');
     setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${holdSeconds * 1000});`,
    db,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('..', import.meta.url)) },
);
const holderExited = new Promise((resolve) => holder.on('exit', resolve));
await new Promise((resolve) => createInterface({ input: holder.stdout }).once('line', resolve));
const heldUntil = Date.now() + holdSeconds * 1000;

const health = [];
const writes = {};
const writeMs = [];
const probe = (async () => {
  while (Date.now() < heldUntil) {
    const started = performance.now();
    await fetch(`${url}/healthz`).then((response) => response.arrayBuffer());
    health.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();
const writer = (async () => {
  while (Date.now() < heldUntil) {
    const started = performance.now();
    const response = await fetch(`${url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ restaurantId: 'r1', items: [{ name: 'Burger', qty: 1 }], amount: 9 }),
    });
    const body = await response.json();
    writeMs.push(performance.now() - started);
    const key = `${response.status} ${body.error?.code ?? 'ok'}`;
    writes[key] = (writes[key] ?? 0) + 1;
    if (body.error && !writes.example) writes.example = body.error.message;
  }
})();
await Promise.all([probe, writer]);
await holderExited;
const serverExited = new Promise((resolve) => server.on('exit', resolve));
server.kill('SIGTERM');
await serverExited;
rmSync(dir, { recursive: true, force: true });

const round = (ms) => Math.round(ms * 10) / 10;
const sorted = (values) => [...values].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    holdSeconds,
    healthz: { n: health.length, p50Ms: round(percentile(sorted(health), 50)), maxMs: round(Math.max(...health)) },
    writes: { n: writeMs.length, p50Ms: round(percentile(sorted(writeMs), 50)), maxMs: round(Math.max(...writeMs)), outcomes: writes },
  }),
);
