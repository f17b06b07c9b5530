import { nowMs } from './dist.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An operator at a fixed rate (open loop: it does not wait for one ack before the next emit, only
 * for an order's creation before advancing it). Event i is step i % stepsPerOrder of order
 * floor(i / stepsPerOrder); orders go round-robin over the restaurants. `create` and `advance`
 * emit at once and resolve with the event's key ("ORDERID:VERSION"); emit times are taken just before.
 */
export async function runOperatorPlan({ events, stepsPerOrder, restaurants, ratePerSecond }, { create, advance }) {
  const gapMs = 1000 / ratePerSecond;
  const emits = {};
  const created = [];
  const pending = [];
  let errors = 0;
  const started = nowMs();
  for (let i = 0; i < events; i++) {
    const wait = started + i * gapMs - nowMs();
    if (wait > 1) await sleep(wait);
    const orderIndex = Math.floor(i / stepsPerOrder);
    const step = i % stepsPerOrder;
    const restaurantId = restaurants[orderIndex % restaurants.length];
    let sent;
    let done;
    if (step === 0) {
      sent = nowMs();
      done = create(orderIndex, restaurantId);
      created[orderIndex] = done;
    } else {
      const order = await created[orderIndex];
      sent = nowMs();
      done = advance(order, step, restaurantId);
    }
    pending.push(
      done.then(
        (result) => {
          emits[result.key] = sent;
          return result;
        },
        () => errors++,
      ),
    );
  }
  await Promise.all(pending);
  return { emits, errors, seconds: (nowMs() - started) / 1000 };
}
