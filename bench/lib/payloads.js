/**
 * The messages the raw Socket.IO baselines send, shaped and sized like rtc's own (same fields, same
 * kinds of values), so that a baseline never wins by moving fewer bytes.
 */
const EPOCH = '9f3c2a7be01d4c55'; // rtc's epoch: 8 random bytes in hex
const ITEMS = [
  { name: 'Burger', qty: 2 },
  { name: 'Fries', qty: 1 },
];

/** What the rtc operators order, and what the raw operators claim to have ordered. */
export const ORDER_BODY = { items: ITEMS, amount: 23.5, customerName: 'Bench' };

export const HAPPY_PATH = ['Pending', 'Confirmed', 'Preparing', 'Out for Delivery', 'Delivered'];

export function orderId(n) {
  return `B${String(n).padStart(5, '0')}`; // rtc ids are 6 characters
}

export function order(n, restaurantId, step = 0) {
  const at = new Date().toISOString();
  return {
    id: orderId(n),
    restaurantId,
    customerId: null,
    customerName: ORDER_BODY.customerName,
    items: ITEMS,
    amount: ORDER_BODY.amount,
    status: HAPPY_PATH[step],
    version: step + 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** restaurant_order_received, as rtc broadcasts it. */
export function orderReceived(n, restaurantId, seq) {
  return { order: order(n, restaurantId), seq, epoch: EPOCH, timestamp: new Date().toISOString() };
}

/** order_status_updated, as rtc broadcasts it (step: 1 = Pending -> Confirmed, ...). */
export function statusUpdated(n, restaurantId, seq, step) {
  return {
    orderId: orderId(n),
    restaurantId,
    from: HAPPY_PATH[step - 1],
    newStatus: HAPPY_PATH[step],
    version: step + 1,
    seq,
    epoch: EPOCH,
    timestamp: new Date().toISOString(),
    reason: null,
    actor: 'chef',
  };
}

/** The ack rtc answers order_advance with: the order and the event. */
export function advanceAnswer(n, restaurantId, seq, step) {
  const event = statusUpdated(n, restaurantId, seq, step);
  return {
    ok: true,
    order: order(n, restaurantId, step),
    event: {
      seq,
      epoch: EPOCH,
      orderId: event.orderId,
      restaurantId,
      version: step + 1,
      type: 'OrderStatusChanged',
      from: event.from,
      to: event.newStatus,
      actor: 'chef',
      reason: null,
      timestamp: event.timestamp,
    },
  };
}

/** What GET /api/orders/:id answers for an order created and advanced once. */
export function orderStatusBody(n, restaurantId) {
  const answer = advanceAnswer(n, restaurantId, 2, 1);
  const created = { ...answer.event, seq: 1, version: 1, type: 'OrderCreated', from: null, to: 'Pending' };
  return { order: answer.order, events: [created, answer.event] };
}
