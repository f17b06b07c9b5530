import { foldForMatch } from '../../lib/fold-text.js';
import type { Order } from '../../protocol/model.js';

/**
 * What `/` matches: the id, the customer or an item, with no regard to case or accents (`zoe` finds
 * Zoë, `chloe` Chloé; see foldForMatch); every word must match.
 */
export function matchesFilter(order: Order, filter: string): boolean {
  const words = foldForMatch(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForMatch([order.id, order.customerName, ...order.items.map((item) => item.name)].join(' '));
  return words.every((word) => haystack.includes(word));
}
