import type { Order, User } from '../protocol/model.js';

/** The access matrix of the contract, section 1: pure answers, the server turns a "no" into FORBIDDEN. */
export type Verdict = { allowed: true } | { allowed: false; reason: string };

const yes: Verdict = { allowed: true };
const no = (reason: string): Verdict => ({ allowed: false, reason });

const worksAt = (user: User, restaurantId: string): boolean =>
  (user.role === 'staff' || user.role === 'admin') && user.restaurantId === restaurantId;

export function canCreateOrder(user: User, restaurantId: string): Verdict {
  if (user.role === 'superadmin' || user.role === 'customer') return yes;
  if (worksAt(user, restaurantId)) return yes;
  return no(`${user.role} of ${user.restaurantId ?? 'no restaurant'} cannot create orders for ${restaurantId}`);
}

export function canSeeOrder(user: User, order: Order): Verdict {
  if (user.role === 'superadmin') return yes;
  if (user.role === 'customer') return order.customerId === user.id ? yes : no('customers see only their own orders');
  return worksAt(user, order.restaurantId) ? yes : no(`order ${order.id} belongs to another restaurant`);
}

export function canJoinRestaurant(user: User, restaurantId: string): Verdict {
  if (user.role === 'superadmin') return yes;
  if (user.role === 'customer') return no('customers cannot watch a restaurant');
  return worksAt(user, restaurantId) ? yes : no(`you work at ${user.restaurantId ?? 'no restaurant'}, not ${restaurantId}`);
}

export function canAdvanceOrder(user: User, order: Order): Verdict {
  if (user.role === 'superadmin') return yes;
  if (user.role === 'customer') return no('customers cannot advance orders');
  return worksAt(user, order.restaurantId) ? yes : no(`order ${order.id} belongs to another restaurant`);
}

export function canCancelOrder(user: User, order: Order): Verdict {
  if (user.role === 'superadmin') return yes;
  if (user.role === 'customer') {
    if (order.customerId !== user.id) return no('customers can cancel only their own orders');
    return order.status === 'Pending' ? yes : no(`customers can cancel only while Pending; this order is ${order.status}`);
  }
  return worksAt(user, order.restaurantId) ? yes : no(`order ${order.id} belongs to another restaurant`);
}

/** Recall (undo an order's last status change): staff and admins of its restaurant, and superadmins; never customers. */
export function canRecallOrder(user: User, order: Order): Verdict {
  if (user.role === 'superadmin') return yes;
  if (user.role === 'customer') return no('customers cannot recall orders');
  return worksAt(user, order.restaurantId) ? yes : no(`order ${order.id} belongs to another restaurant`);
}

export function isSuperadmin(user: User): Verdict {
  return user.role === 'superadmin' ? yes : no('only a superadmin may do this');
}
