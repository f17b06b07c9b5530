import chalk from 'chalk';
import type { Order, OrderEvent } from '../../../protocol/model.js';
import { table } from '../../program/table.js';
import { colourStatus } from './status-colour.js';
import { formatItems } from './parse-items.js';

const time = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/** One line per item, its modifiers indented under it, as a kitchen reads them. */
function itemLines(order: Order): string[] {
  return order.items.flatMap((item, i) => [
    `  ${i === 0 ? 'items       ' : '            '}${item.qty}x ${item.name}`,
    ...(item.mods ?? []).map((mod) => `                - ${mod}`),
  ]);
}

export function orderSummary(order: Order): string {
  return [
    `${chalk.bold(order.id)}  ${colourStatus(order.status)}  v${order.version}`,
    `  restaurant  ${order.restaurantId}`,
    `  customer    ${order.customerName}${order.customerId ? ` (${order.customerId})` : ''}`,
    ...itemLines(order),
    ...(order.note !== undefined ? [`  note        ${order.note}`] : []),
    `  amount      ${order.amount.toFixed(2)}`,
    `  created     ${time(order.createdAt)}`,
    `  updated     ${time(order.updatedAt)}`,
  ].join('\n');
}

export function ordersTable(orders: readonly Order[]): string {
  if (orders.length === 0) return chalk.dim('no orders');
  return table(
    ['ID', 'STATUS', 'RESTAURANT', 'CUSTOMER', 'AMOUNT', 'CREATED', 'ITEMS'],
    orders.map((order) => [
      order.id,
      colourStatus(order.status),
      order.restaurantId,
      order.customerName,
      order.amount.toFixed(2),
      time(order.createdAt),
      formatItems(order.items),
    ]),
  );
}

export function historyTable(events: readonly OrderEvent[]): string {
  return table(
    ['SEQ', 'V', 'WHEN', 'CHANGE', 'BY', 'REASON'],
    events.map((event) => [
      String(event.seq),
      String(event.version),
      time(event.timestamp),
      event.type === 'OrderStatusRecalled'
        ? `recalled ${event.from} → ${colourStatus(event.to)}`
        : event.from
          ? `${event.from} → ${colourStatus(event.to)}`
          : `created ${colourStatus(event.to)}`,
      event.actor,
      event.reason ?? '',
    ]),
  );
}
