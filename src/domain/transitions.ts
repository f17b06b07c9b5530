import { RtcError } from '../protocol/errors.js';
import type { Status } from '../protocol/status.js';

export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  Pending: ['Confirmed', 'Cancelled'],
  Confirmed: ['Preparing', 'Cancelled'],
  Preparing: ['Out for Delivery', 'Cancelled'],
  'Out for Delivery': ['Delivered', 'Cancelled'],
  Delivered: [],
  Cancelled: [],
};

/** The way an order goes when nothing goes wrong, first to last: what "advance" without a target follows. */
export const HAPPY_PATH: readonly Status[] = ['Pending', 'Confirmed', 'Preparing', 'Out for Delivery', 'Delivered'];

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The next status along the happy path, or undefined for a terminal order. */
export function nextStatus(from: Status): Status | undefined {
  const at = HAPPY_PATH.indexOf(from);
  // Cancelled is on no path (-1): it has no next, like Delivered at the end.
  return at < 0 ? undefined : HAPPY_PATH[at + 1];
}

export interface TransitionRequest {
  current: Status;
  /** Target; absent means "advance along the happy path". */
  to?: Status | undefined;
  /** The status the caller saw; the change happens only if the order is still in it. */
  expect?: Status | undefined;
}

/** Decides the target of a change or throws the contract's error. Pure: the store calls it inside its transaction. */
export function decideTransition({ current, to, expect }: TransitionRequest): Status {
  if (expect !== undefined && expect !== current) {
    throw new RtcError('CONFLICT', `order is ${current}, not ${expect}: someone changed it first; refresh and try again`);
  }
  const target = to ?? nextStatus(current);
  if (target === undefined) {
    throw new RtcError('INVALID_TRANSITION', `order is ${current}, which is final: there is nothing to advance to`);
  }
  if (!canTransition(current, target)) {
    const allowed = TRANSITIONS[current];
    throw new RtcError(
      'INVALID_TRANSITION',
      `cannot move an order from ${current} to ${target}` +
        (allowed.length ? ` (from ${current} it can go to ${allowed.join(' or ')})` : ` (${current} is final)`),
    );
  }
  return target;
}
