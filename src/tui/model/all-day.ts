import type { Order } from '../../protocol/model.js';

export interface ItemTotal {
  name: string;
  qty: number;
  orders: number;
}

/** The all-day count: how many of each item the open orders still need, biggest first. */
export function allDayTotals(orders: readonly Order[]): ItemTotal[] {
  const totals = new Map<string, ItemTotal>();
  for (const order of orders) {
    for (const item of order.items) {
      const total = totals.get(item.name) ?? { name: item.name, qty: 0, orders: 0 };
      total.qty += item.qty;
      total.orders += 1;
      totals.set(item.name, total);
    }
  }
  return [...totals.values()].sort((a, b) => b.qty - a.qty || a.name.localeCompare(b.name));
}
