import { RtcError } from '../../../protocol/errors.js';
import type { OrderItem } from '../../../protocol/model.js';

/** The commas that separate items: those outside a [modifier list]. */
function splitItems(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** "Burger [no onions; extra cheese]" into the item text and its modifiers (split on `;`). */
function splitMods(part: string): { text: string; mods: string[] | undefined } {
  const match = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(part);
  if (!match) {
    if (/[[\]]/.test(part)) throw RtcError.badRequest(`"${part}": modifiers go in one [...] at the end of the item, e.g. "Burger [no onions; extra cheese]"`);
    return { text: part, mods: undefined };
  }
  const mods = match[2]!.split(';').map((mod) => mod.trim()).filter(Boolean);
  return { text: match[1]!.trim(), mods: mods.length ? mods : undefined };
}

/**
 * Reads "2x Burger [no onions; extra cheese], 1x Fries" into order items: a quantity as "2x Burger",
 * "2 Burger", "Burger x2" or none (one), and modifiers in brackets after the name, separated by `;`.
 * Throws BAD_REQUEST when there is no item or a bracket is misplaced; limits are the server's to check.
 */
export function parseItems(text: string): OrderItem[] {
  const parts = splitItems(text);
  if (parts.length === 0) throw new RtcError('BAD_REQUEST', 'no items: use --items "2x Burger, 1x Fries"');
  return parts.map((part) => {
    const { text: itemText, mods } = splitMods(part);
    const item = parseQuantity(itemText);
    return mods ? { ...item, mods } : item;
  });
}

function parseQuantity(part: string): OrderItem {
  const leading = /^(\d+)\s*[x×*]?\s+(.+)$/i.exec(part) ?? /^(\d+)[x×*](.+)$/i.exec(part);
  if (leading) return { qty: Number(leading[1]), name: leading[2]!.trim() };
  const trailing = /^(.+?)\s+[x×*](\d+)$/i.exec(part);
  if (trailing) return { qty: Number(trailing[2]), name: trailing[1]!.trim() };
  return { qty: 1, name: part };
}

/** Items on one line, modifiers in brackets: "2x Burger [no onions; extra cheese], 1x Fries". */
export function formatItems(items: readonly OrderItem[]): string {
  return items.map((item) => `${item.qty}x ${item.name}${item.mods?.length ? ` [${item.mods.join('; ')}]` : ''}`).join(', ');
}
