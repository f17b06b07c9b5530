#!/usr/bin/env node
/**
 * The snapshot-flood attack of issue 12, measured: a staff socket joins its restaurant (about 1 MB
 * of open orders in each join ack), stops reading, and keeps asking for the snapshot at 10 a second
 * (inside the per-socket limit); when the server cuts it, it connects again and carries on. Prints
 * the server's RSS before the attack and its peak during it (VmHWM of the server process).
 *
 *   npm run build && node bench/snapshot-flood.js [--seconds 20] [--bin PATH/TO/bin/rtc.js]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { loginDemo, prefill, tempDb } from './lib/rtc-fixtures.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, bin: { type: 'string', default: fileURLToPath(new URL('../bin/rtc.js', import.meta.url)) } },
});
const seconds = Number(values.seconds);

const ITEMS = Array.from({ length: 100 }, (_, i) => ({ name: `Item ${i} `.padEnd(90, '.'), qty: 1 }));

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

function startServer(db) {
  const child = spawn(process.execPath, [values.bin, 'serve', '--json', '--port', '0', '--db', db, '--demo', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let warnings = 0;
  child.stderr.on('data', (chunk) => (warnings += String(chunk).split('\n').filter((l) => l.includes('does not read')).length));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: JSON.parse(line).url, cuts: () => warnings });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** One attacking connection: join, stop reading, keep asking; answers when the server cut it or time is up. */
function attack(url, token, deadline, counts) {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    let timer;
    const done = () => {
      clearInterval(timer);
      socket.disconnect();
      resolve();
    };
    socket.once('connect_error', done);
    socket.once('disconnect', done);
    socket.once('connect', () => {
      socket.emit('join_restaurant_room', { restaurantId: 'r1' }, () => {
        socket.io.engine.transport.ws._socket.pause();
        timer = setInterval(() => {
          if (Date.now() > deadline) return done();
          counts.requests++;
          socket.emit('join_restaurant_room', { restaurantId: 'r1' }, () => undefined);
        }, 100);
      });
    });
  });
}

const { db, cleanup } = tempDb();
await prefill(db, async (store) => {
  for (let i = 0; i < 100; i++) await store.createOrder({ restaurantId: 'r1', customerId: null, items: ITEMS, amount: 100, customerName: 'Flood', actor: 'chef' });
});
const server = await startServer(db);
try {
  const token = await loginDemo(server.url, 'chef');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = memoryOf(server.child.pid);
  const deadline = Date.now() + seconds * 1000;
  const counts = { requests: 0, connections: 0 };
  while (Date.now() < deadline) {
    counts.connections++;
    await attack(server.url, token, deadline, counts);
  }
  const after = memoryOf(server.child.pid);
  console.log(
    JSON.stringify({
      seconds,
      requests: counts.requests,
      connections: counts.connections,
      cutByServer: server.cuts(),
      rssBeforeMb: Math.round(before.rssMb),
      rssPeakMb: Math.round(after.peakMb),
      rssEndMb: Math.round(after.rssMb),
    }),
  );
} finally {
  server.child.kill('SIGTERM');
  cleanup();
}
