import type { Order } from '../../protocol/model.js';
import { OPEN_STATUSES } from '../../protocol/status.js';

export type OpenStatus = (typeof OPEN_STATUSES)[number];

export interface BoardColumn {
  status: OpenStatus;
  orders: Order[];
}

/** The board's columns in kitchen order, each oldest first (the input is already oldest first). */
export function toColumns(openOldestFirst: readonly Order[]): BoardColumn[] {
  const columns = OPEN_STATUSES.map((status) => ({ status, orders: [] as Order[] }));
  const byStatus = new Map(columns.map((column) => [column.status as string, column]));
  for (const order of openOldestFirst) byStatus.get(order.status)?.orders.push(order);
  return columns;
}

export const SHORT_STATUS: Record<OpenStatus, string> = {
  Pending: 'Pending',
  Confirmed: 'Confirmed',
  Preparing: 'Preparing',
  'Out for Delivery': 'Out',
};

export const STATUS_COLOUR: Record<string, string> = {
  Pending: 'yellow',
  Confirmed: 'cyan',
  Preparing: 'blue',
  'Out for Delivery': 'magenta',
  Delivered: 'green',
  Cancelled: 'red',
};
