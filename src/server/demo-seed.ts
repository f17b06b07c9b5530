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

/** Idempotent: restarting a demo server, or several nodes seeding one store, keeps one of each. */
export async function seedDemo(store: Store): Promise<void> {
  for (const restaurant of DEMO_RESTAURANTS) await store.upsertRestaurant(restaurant);
  for (const user of DEMO_USERS) {
    if (await store.getUserByUsername(user.username)) continue;
    await store.createUser({ ...user, ...(await hashPassword(user.username)) });
  }
}
