import type { User } from '../protocol/model.js';
import { OPEN_STATUSES } from '../protocol/status.js';
import type { Logger } from './logger.js';
import type { OrderService } from './order-service.js';
import type { Store } from './store/store.js';

const MENU = [
  ['Burger', 9.5],
  ['Fries', 3.5],
  ['Caesar Salad', 8],
  ['Margherita', 11],
  ['Ramen', 12.5],
  ['Fish Tacos', 10],
  ['Pancakes', 7],
  ['Milkshake', 4.5],
  ['Falafel Wrap', 8.5],
  ['Soup of the Day', 6],
] as const;
const CUSTOMERS = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena'];

/**
 * Makes a demo kitchen look alive: creates orders at the given rate and moves open ones along,
 * through the same order service (and so the same events) as any user.
 */
export class Simulator {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly orders: OrderService,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly perMinute: number,
    private readonly actor: User = { id: 'super', username: 'super', role: 'superadmin', restaurantId: null },
  ) {}

  start(): void {
    const intervalMs = Math.max(100, 60_000 / Math.max(0.1, this.perMinute));
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log.warn({ err }, 'simulator step failed')), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(Math.random() * list.length)]!;
  }

  async tick(): Promise<void> {
    const restaurants = await this.store.listRestaurants();
    if (restaurants.length === 0) return;
    const restaurant = this.pick(restaurants);
    const lines = 1 + Math.floor(Math.random() * 3);
    const items = new Map<string, { qty: number; price: number }>();
    for (let i = 0; i < lines; i++) {
      const [name, price] = this.pick(MENU);
      const line = items.get(name) ?? { qty: 0, price };
      line.qty += 1 + Math.floor(Math.random() * 2);
      items.set(name, line);
    }
    const amount = [...items.values()].reduce((sum, line) => sum + line.qty * line.price, 0);
    await this.orders.create(this.actor, {
      restaurantId: restaurant.id,
      items: [...items].map(([name, { qty }]) => ({ name, qty })),
      amount: Math.round(amount * 100) / 100,
      customerName: this.pick(CUSTOMERS),
    });
    // Move about one open order per new one, oldest first, so the board flows rather than fills.
    const open = await this.store.listOrders({ openOnly: true });
    const oldEnough = open.filter((order) => Date.now() - Date.parse(order.updatedAt) > 8_000);
    for (const order of oldEnough.slice(0, 2)) {
      if (!(OPEN_STATUSES as readonly string[]).includes(order.status)) continue;
      if (Math.random() < 0.04) await this.orders.cancel(this.actor, order.id, { reason: 'customer changed their mind' });
      else await this.orders.advance(this.actor, order.id, { expect: order.status });
    }
  }
}
