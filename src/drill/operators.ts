import type { RtcClient } from '../client/rtc-client.js';
import { HAPPY_PATH } from '../domain/transitions.js';
import { RtcError } from '../protocol/errors.js';
import type { OrderPlan } from './order-plan.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_TRIES = 5;

/**
 * Drives planned orders from operator clients. Operators are not what the drill checks: a step
 * that keeps failing is counted and the order left where it is (the store stays the truth).
 */
export class Operators {
  errors = 0;
  done = 0;

  constructor(private readonly clients: RtcClient[]) {}

  /** Starts order i at `startAt[i]` ms after now; resolves when every order has run its course. */
  async drive(plans: OrderPlan[], intervalMs: number, onOrderDone: (done: number) => void): Promise<void> {
    const started = Date.now();
    await Promise.all(
      plans.map(async (plan, i) => {
        await sleep(Math.max(0, started + i * intervalMs - Date.now()));
        await this.run(plan, this.clients[i % this.clients.length]!).catch(() => this.errors++);
        onOrderDone(++this.done);
      }),
    );
  }

  private async run(plan: OrderPlan, client: RtcClient): Promise<void> {
    const [firstGap = 0, ...gaps] = plan.gapsMs;
    await sleep(firstGap);
    const { order } = await this.attempt(() =>
      client.createOrder({ restaurantId: plan.restaurantId, items: [{ name: 'Drill soup', qty: 1 }], amount: 9.5, customerName: 'drill' }),
    );
    for (let step = 0; step < plan.advances; step++) {
      await sleep(gaps.shift() ?? 0);
      // `expect` makes a retry after a lost answer safe: the second try finds the order moved and stops.
      await this.attempt(() => client.advance(order.id, { to: HAPPY_PATH[step + 1], expect: HAPPY_PATH[step] }));
    }
    if (plan.cancel) {
      await sleep(gaps.shift() ?? 0);
      await this.attempt(() => client.cancel(order.id, { reason: 'drill', expect: HAPPY_PATH[plan.advances] }));
    }
  }

  private async attempt<T>(step: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await step();
      } catch (error) {
        const retryable = error instanceof RtcError && (error.code === 'RATE_LIMITED' || error.code === 'UNREACHABLE');
        if (!retryable || tries >= MAX_TRIES) throw error;
        await sleep(error.retryAfter !== undefined ? error.retryAfter * 1000 : 200);
      }
    }
  }
}
