export const STATUSES = [
  'Pending',
  'Confirmed',
  'Preparing',
  'Out for Delivery',
  'Delivered',
  'Cancelled',
] as const;

export type Status = (typeof STATUSES)[number];

/** The statuses an order can still leave: what a kitchen board shows. */
export const OPEN_STATUSES = ['Pending', 'Confirmed', 'Preparing', 'Out for Delivery'] as const satisfies readonly Status[];
export const TERMINAL_STATUSES = ['Delivered', 'Cancelled'] as const satisfies readonly Status[];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: Status): boolean {
  return status === 'Delivered' || status === 'Cancelled';
}
