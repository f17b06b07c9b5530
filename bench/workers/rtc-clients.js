/**
 * A client process for rtc's side of the benchmarks: real RtcClient instances (dist/bench/rtc-watchers.js), a few
 * hundred per process, as watchers (live boards), an operator at a fixed rate, or closed-loop operators.
 */
import { runClosedLoop } from '../lib/closed-loop.js';
import { RtcWatchers, serveRpc } from '../lib/dist.js';
import { runOperatorPlan } from '../lib/operator-plan.js';
import { ORDER_BODY } from '../lib/payloads.js';
import { Receipts } from '../lib/receipts.js';

/** Watchers and operators alike: the clients `stop` closes. */
const clients = new RtcWatchers();
const receipts = new Receipts();
/** CPU used from the end of the last watch request to the latencies request: what receiving cost this process. */
let cpuMark = process.cpuUsage();

const connected = (url, token) => clients.connected(url, token);

async function watch({ url, token, count, restaurants, record = true }) {
  const onEvent = ({ event, data }) => {
    if (data.replay) return;
    if (event === 'restaurant_order_received') receipts.record(`${data.order.id}:1`);
    else if (event === 'order_status_updated') receipts.record(`${data.orderId}:${data.version}`);
  };
  const answer = await clients.watch({ url, token, count, restaurants }, record ? onEvent : undefined);
  cpuMark = process.cpuUsage();
  return answer;
}

async function operate({ url, token, plan }) {
  const client = await connected(url, token);
  const key = ({ order }) => ({ key: `${order.id}:${order.version}`, orderId: order.id });
  return runOperatorPlan(plan, {
    create: (n, restaurantId) => client.createOrder({ restaurantId, ...ORDER_BODY }).then(key),
    advance: (order) => client.advance(order.orderId).then(key),
  });
}

async function closedLoop({ url, token, orderIds, seconds }) {
  const operators = await Promise.all(orderIds.map(async (ids) => ({ client: await connected(url, token), ids })));
  return runClosedLoop(operators, seconds, async ({ client, ids }, n) => {
    const id = ids[Math.floor(n / 4)];
    if (id === undefined) return false;
    await client.advance(id);
    return Math.floor((n + 1) / 4) < ids.length;
  });
}

serveRpc({
  watch,
  operate,
  closedLoop,
  latencies: ({ emits }) => {
    const used = process.cpuUsage(cpuMark);
    return { ...receipts.latencies(emits), clientCpuSeconds: (used.user + used.system) / 1e6 };
  },
  stop: () => {
    clients.close();
    return { stopped: true };
  },
});
