import type { BatchMessage } from '../../protocol/events.js';
import type { Order } from '../../protocol/model.js';
import { orderRoom, restaurantRoom, userRoom } from '../../protocol/rooms.js';

/**
 * The routing table: which rooms may see a message. The restaurant room carries everything of its
 * stream; a status change also reaches whoever watches that order and the customer who placed it.
 */
export function roomsOf(message: BatchMessage, order: Order): { stream: string; also: string[] } {
  const stream = restaurantRoom(order.restaurantId);
  if (message.event === 'restaurant_order_received') return { stream, also: [] };
  const also = [orderRoom(order.id)];
  if (order.customerId) also.push(userRoom(order.customerId));
  return { stream, also };
}
