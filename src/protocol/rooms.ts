export const ADMIN_ROOM = 'admin_global';

export const restaurantRoom = (restaurantId: string): string => `restaurant_${restaurantId}`;
export const orderRoom = (orderId: string): string => `order_${orderId}`;
export const userRoom = (userId: string): string => `user_${userId}`;

export type RoomRef =
  | { kind: 'restaurant'; id: string }
  | { kind: 'order'; id: string }
  | { kind: 'user'; id: string }
  | { kind: 'admin' };

export function parseRoom(room: string): RoomRef | undefined {
  if (room === ADMIN_ROOM) return { kind: 'admin' };
  const match = /^(restaurant|order|user)_(.+)$/.exec(room);
  if (!match) return undefined;
  return { kind: match[1] as 'restaurant' | 'order' | 'user', id: match[2]! };
}
