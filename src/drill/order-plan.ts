/** What the drill does with one order: where, how far along the happy path, and whether it ends cancelled. */
export interface OrderPlan {
  restaurantId: string;
  /** Advances along the happy path after creation (0 to 4; 4 is Delivered). */
  advances: number;
  /** Cancel after the advances (only when it is not Delivered). */
  cancel: boolean;
  /** Pauses before each step, in ms, so that the orders overlap through the drive. */
  gapsMs: number[];
}

/**
 * A seeded mix: about half reach Delivered, some are cancelled on the way, and the rest stay open,
 * so that the boards the drill compares at the end are not empty.
 */
export function planOrders(count: number, restaurants: readonly string[], random: () => number, stepGapMs: number): OrderPlan[] {
  const plans: OrderPlan[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const advances = roll < 0.45 ? 4 : Math.floor(random() * 4);
    const cancel = roll >= 0.45 && roll < 0.65;
    const steps = 1 + advances + (cancel ? 1 : 0);
    plans.push({
      restaurantId: restaurants[Math.floor(random() * restaurants.length)]!,
      advances,
      cancel,
      gapsMs: Array.from({ length: steps }, () => Math.round(random() * 2 * stepGapMs)),
    });
  }
  return plans;
}
