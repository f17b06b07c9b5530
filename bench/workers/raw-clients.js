/**
 * A client process for the raw Socket.IO baselines: plain socket.io-client against
 * baseline/raw-server.js, doing what workers/rtc-clients.js does, with payloads of the same shape and size.
 */
import { io } from 'socket.io-client';
import { runClosedLoop } from '../lib/closed-loop.js';
import { inBatches, serveRpc } from '../lib/dist.js';
import { runOperatorPlan } from '../lib/operator-plan.js';
import { orderId, orderReceived, statusUpdated } from '../lib/payloads.js';
import { Receipts } from '../lib/receipts.js';
import { Pollers } from '../../dist/bench/pollers.js';

const sockets = [];
const receipts = new Receipts();
/** CPU used from the end of the last watch request to the latencies request: what receiving cost this process. */
let cpuMark = process.cpuUsage();
const pollers = new Pollers();
let received = 0;

function connected(url) {
  const socket = io(url, { transports: ['websocket'] });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function watch({ url, count, restaurants, restaurantId, record = true }) {
  const rooms = restaurants ?? [restaurantId];
  await inBatches(count, 50, async (i) => {
    const socket = await connected(url);
    socket.on('restaurant_order_received', (data) => {
      received++;
      if (record) receipts.record(`${data.order.id}:1`);
    });
    socket.on('order_status_updated', (data) => {
      received++;
      if (record) receipts.record(`${data.orderId}:${data.version}`);
    });
    await socket.emitWithAck('join', `restaurant_${rooms[i % rooms.length]}`);
  });
  cpuMark = process.cpuUsage();
  return { watching: sockets.length };
}

async function operate({ url, plan }) {
  const socket = await connected(url);
  const seqs = new Map();
  const nextSeq = (restaurantId) => {
    const seq = (seqs.get(restaurantId) ?? 0) + 1;
    seqs.set(restaurantId, seq);
    return seq;
  };
  return runOperatorPlan(plan, {
    create: async (n, restaurantId) => {
      await socket.emitWithAck('publish', `restaurant_${restaurantId}`, 'restaurant_order_received', orderReceived(n, restaurantId, nextSeq(restaurantId)));
      return { key: `${orderId(n)}:1`, n };
    },
    advance: async (order, step, restaurantId) => {
      await socket.emitWithAck('publish', `restaurant_${restaurantId}`, 'order_status_updated', statusUpdated(order.n, restaurantId, nextSeq(restaurantId), step));
      return { key: `${orderId(order.n)}:${step + 1}` };
    },
  });
}

/** `event` is "echo" (ack only) or "insert" (ack after one SQLite insert); the payload is what rtc's order_advance carries. */
async function closedLoop({ url, clients, seconds, event }) {
  const all = await Promise.all(Array.from({ length: clients }, (_, i) => connected(url).then((socket) => ({ socket, id: orderId(i) }))));
  return runClosedLoop(all, seconds, async ({ socket, id }) => {
    await socket.emitWithAck(event, { orderId: id });
  });
}

serveRpc({
  watch,
  operate,
  closedLoop,
  poll: (options) => pollers.start(options),
  latencies: ({ emits }) => {
    const used = process.cpuUsage(cpuMark);
    return { ...receipts.latencies(emits), clientCpuSeconds: (used.user + used.system) / 1e6 };
  },
  stop: () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    return { stopped: true, received, ...pollers.stop() };
  },
});
