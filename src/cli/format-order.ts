import chalk from 'chalk';
import type { Order, OrderEvent } from '../protocol/model.js';
import type { Status } from '../protocol/status.js';
import { formatItems } from './parse-items.js';

const STATUS_COLOUR: Record<Status, (text: string) => string> = {
  Pending: chalk.yellow,
  Confirmed: chalk.cyan,
  Preparing: chalk.blue,
  'Out for Delivery': chalk.magenta,
  Delivered: chalk.green,
  Cancelled: chalk.red,
};

export const colourStatus = (status: Status): string => STATUS_COLOUR[status](status);

const time = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function table(headers: string[], rows: string[][]): string {
  // Widths by visible length, so that colour codes do not push columns out of line.
  const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths = headers.map((header, i) => Math.max(visible(header), ...rows.map((row) => visible(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell)))).join('  ');
  return [chalk.bold(line(headers)), ...rows.map(line)].join('\n');
}

export function orderSummary(order: Order): string {
  return [
    `${chalk.bold(order.id)}  ${colourStatus(order.status)}  v${order.version}`,
    `  restaurant  ${order.restaurantId}`,
    `  customer    ${order.customerName}${order.customerId ? ` (${order.customerId})` : ''}`,
    `  items       ${formatItems(order.items)}`,
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
      event.from ? `${event.from} → ${colourStatus(event.to)}` : `created ${colourStatus(event.to)}`,
      event.actor,
      event.reason ?? '',
    ]),
  );
}
