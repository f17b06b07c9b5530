import type { Order } from '../../protocol/model.js';

/** What `/` matches: the id, the customer or an item, case-insensitively; every word must match. */
export function matchesFilter(order: Order, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [order.id, order.customerName, ...order.items.map((item) => item.name)].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
