import { RtcError } from '../../../protocol/errors.js';
import type { OrderItem } from '../../../protocol/model.js';

/** Reads "2x Burger, 1x Fries" (also "Burger", "2 Burger", "Burger x2") into order items. */
export function parseItems(text: string): OrderItem[] {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new RtcError('BAD_REQUEST', 'no items: use --items "2x Burger, 1x Fries"');
  return parts.map((part) => {
    const leading = /^(\d+)\s*[x×*]?\s+(.+)$/i.exec(part) ?? /^(\d+)[x×*](.+)$/i.exec(part);
    if (leading) return { qty: Number(leading[1]), name: leading[2]!.trim() };
    const trailing = /^(.+?)\s+[x×*](\d+)$/i.exec(part);
    if (trailing) return { qty: Number(trailing[2]), name: trailing[1]!.trim() };
    return { qty: 1, name: part };
  });
}

export function formatItems(items: readonly OrderItem[]): string {
  return items.map((item) => `${item.qty}x ${item.name}`).join(', ');
}
