import type { Order, OrderItem } from '../../protocol/model.js';

/** Item lines a card shows before it folds the rest into "+N more". */
export const MAX_ITEM_LINES = 4;

export function visibleItems(items: readonly OrderItem[], maxLines = MAX_ITEM_LINES): { shown: OrderItem[]; hidden: number } {
  if (items.length <= maxLines) return { shown: [...items], hidden: 0 };
  return { shown: items.slice(0, maxLines - 1), hidden: items.length - (maxLines - 1) };
}

/** Rows a ticket card takes: id and timer, customer, items, the gap below. Columns are cut to fit with this. */
export function ticketHeight(order: Order, maxLines = MAX_ITEM_LINES): number {
  const { shown, hidden } = visibleItems(order.items, maxLines);
  return 2 + shown.length + (hidden > 0 ? 1 : 0) + 1;
}

export const formatItem = (item: OrderItem): string => `${item.qty}× ${item.name}`;

/**
 * Which slice of a list fits in `space` rows and includes the selected entry: as many before it as
 * fit, then as many after. Rows for the "N more" markers are set aside when they are needed.
 */
export function windowAround(heights: readonly number[], selected: number, space: number): { start: number; end: number } {
  const total = heights.length;
  if (total === 0) return { start: 0, end: 0 };
  const focus = Math.max(0, Math.min(selected, total - 1));
  const fits = (start: number, end: number) => {
    let used = (start > 0 ? 1 : 0) + (end < total ? 1 : 0);
    for (let i = start; i < end; i++) used += heights[i]!;
    return used <= space;
  };
  let start = focus;
  let end = focus + 1;
  while (start > 0 && fits(start - 1, end)) start--;
  while (end < total && fits(start, end + 1)) end++;
  // Nothing fits (a tiny terminal): still show the selected entry, clipped.
  return { start, end };
}
