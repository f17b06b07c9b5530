#!/usr/bin/env node
// Compression where it pays: the ratio on a 200-order snapshot, and server memory per connection
// for clients that take compressed frames and clients that do not. The server runs in a child
// process so its memory is its own.
//   node bench/compression.js [--connections 300]
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const args = process.argv.slice(2);
const connections = Number(args[args.indexOf('--connections') + 1] || 300) || 300;

if (process.env.RTC_BENCH_CHILD) {
  const { startServer } = await import('../dist/server/app.js');
  const { pino } = await import('pino');
  const server = await startServer({ port: 0, db: process.env.RTC_BENCH_DB, demo: true, logger: pino({ level: 'silent' }) });
  const superUser = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null };
  for (let i = 0; i < 200; i++) {
    await server.orders.create(superUser, { restaurantId: 'r1', items: [{ name: 'Margherita', qty: 2 }, { name: 'Lemonade', qty: 1 }], amount: 24.5, customerName: `Guest ${i}` });
  }
  const { token } = await server.auth.login('chef', 'chef', 'bench');
  process.send({ url: server.url, token });
  process.on('message', (message) => {
    if (message === 'memory') {
      global.gc?.();
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      process.send({ rss, heapUsed, external: external + arrayBuffers });
    }
    if (message === 'stop') void server.close().then(() => process.exit(0));
  });
} else {
  const results = {};
  for (const mode of ['plain', 'app-deflate']) {
    const dir = mkdtempSync(join(tmpdir(), 'rtc-bench-'));
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, RTC_BENCH_CHILD: '1', RTC_BENCH_DB: join(dir, 'b.db') },
      execArgv: ['--expose-gc'],
    });
    const next = () => new Promise((resolve) => child.once('message', resolve));
    const { url, token } = await next();
    child.send('memory');
    const before = await next();
    const sockets = [];
    let snapshotBytes = 0;
    let wireBytes = 0;
    for (let i = 0; i < connections; i++) {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token, features: { deflate: mode === 'app-deflate' } },
        forceNew: true,
        reconnection: false,
      });
      await new Promise((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
      const answer = await socket.timeout(10_000).emitWithAck('join_restaurant_room', { restaurantId: 'r1' });
      if (i === 0) {
        wireBytes = answer.deflated ? answer.deflated.length : JSON.stringify(answer).length;
        snapshotBytes = answer.deflated ? (await import('node:zlib')).inflateRawSync(answer.deflated).length : JSON.stringify(answer).length;
      }
      sockets.push(socket);
    }
    child.send('memory');
    const after = await next();
    results[mode] = {
      snapshotBytes,
      wireBytes,
      ratio: Number((wireBytes / snapshotBytes).toFixed(3)),
      heapPerConnectionKB: Number(((after.heapUsed - before.heapUsed) / connections / 1024).toFixed(1)),
      rssPerConnectionKB: Number(((after.rss - before.rss) / connections / 1024).toFixed(1)),
    };
    for (const socket of sockets) socket.disconnect();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  const plainRss = results.plain.rssPerConnectionKB;
  for (const mode of Object.keys(results)) results[mode].rssVsPlain = Number((results[mode].rssPerConnectionKB / plainRss).toFixed(2));
  console.table(results);
  console.log(JSON.stringify({ connections, results }));
}
