import { RtcError } from '../protocol/errors.js';
import type { Role } from '../protocol/model.js';
import { hashPassword } from './auth/passwords.js';
import type { Store } from './store/store.js';

export const DEMO_RESTAURANTS = [
  { id: 'r1', name: 'Demo Bistro' },
  { id: 'r2', name: 'Night Owl Diner' },
] as const;

export const DEMO_USERS: readonly { username: string; role: Role; restaurantId: string | null }[] = [
  { username: 'super', role: 'superadmin', restaurantId: null },
  { username: 'owner', role: 'admin', restaurantId: 'r1' },
  { username: 'chef', role: 'staff', restaurantId: 'r1' },
  { username: 'chef2', role: 'staff', restaurantId: 'r2' },
  { username: 'alice', role: 'customer', restaurantId: null },
  { username: 'bob', role: 'customer', restaurantId: null },
];

/** Whether a stored user is one of the demo users: same username, role and restaurant. */
function isDemoUser(user: { username: string; role: Role; restaurantId: string | null }): boolean {
  return DEMO_USERS.some((demo) => demo.username === user.username && demo.role === user.role && demo.restaurantId === user.restaurantId);
}

/**
 * Seeds the demo restaurants and users (password = username). Idempotent: restarting a demo server,
 * or several nodes seeding one store, keeps one of each. Only ever into a store whose users are all
 * demo users (or that has none): demo passwords are public, and a real store must never gain a
 * `super`/`super` superadmin. Throws RtcError BAD_REQUEST when the store has any other user.
 */
export async function seedDemo(store: Store): Promise<void> {
  const others = (await store.listUsers()).filter((user) => !isDemoUser(user));
  if (others.length > 0) {
    const names = others.slice(0, 5).map((user) => user.username).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '');
    throw RtcError.badRequest(`demo mode refused: this store has users other than the demo users (${names}), and demo users have their username as password`, {
      hint: 'use a new --db for the demo (rtc serve --demo --db /tmp/rtc-demo.db), or start without --demo and RTC_DEMO',
    });
  }
  for (const restaurant of DEMO_RESTAURANTS) await store.upsertRestaurant(restaurant);
  for (const user of DEMO_USERS) {
    if (await store.getUserByUsername(user.username)) continue;
    await store.createUser({ ...user, ...(await hashPassword(user.username)) });
  }
}
