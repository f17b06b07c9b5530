/**
 * The raw Socket.IO baseline: what rtc would be with no auth, validation, storage or batching. It
 * joins rooms on request, re-broadcasts a client's message to a room, echoes acks (optionally after
 * one better-sqlite3 insert), and serves a fixed status document for the polling baseline.
 * Prints {"url"} on stdout like `rtc serve --json`. Usage: node raw-server.js [--db FILE]
 */
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { advanceAnswer, orderStatusBody } from '../lib/payloads.js';

const dbIndex = process.argv.indexOf('--db');
const db = dbIndex > 0 ? new Database(process.argv[dbIndex + 1]) : undefined;
let insert;
if (db) {
  // The same durability rtc uses: WAL + synchronous=NORMAL, or FULL with --sync full (as rtc serve --sync full).
  db.pragma('journal_mode = WAL');
  db.pragma(process.argv.includes('full') && process.argv.includes('--sync') ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, to_status TEXT NOT NULL, timestamp TEXT NOT NULL)`);
  insert = db.prepare('INSERT INTO events (order_id, to_status, timestamp) VALUES (?, ?, ?)');
}

const STATUS_BODY = JSON.stringify(orderStatusBody(1, 'r1'));
const ACK = advanceAnswer(1, 'r1', 2, 1);

const http = createServer((request, response) => {
  if (request.url?.startsWith('/status/')) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(STATUS_BODY);
    return;
  }
  response.writeHead(404);
  response.end();
});

// Socket.IO's defaults (pingInterval 25 s): this is raw Socket.IO as anyone would start it.
const io = new Server(http, { serveClient: false });

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    ack?.({ ok: true, room });
  });
  socket.on('publish', (room, event, payload, ack) => {
    io.to(room).emit(event, payload);
    ack?.({ ok: true });
  });
  socket.on('echo', (payload, ack) => ack?.(ACK));
  socket.on('insert', (payload, ack) => {
    insert.run(payload.orderId, 'Confirmed', new Date().toISOString());
    ack?.(ACK);
  });
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${http.address().port}` })}\n`);
});
const stop = () => {
  io.close();
  db?.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
