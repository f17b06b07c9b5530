import { applyEvent } from '../../domain/fold.js';
import type { BatchMessage, OrderReceivedPayload, StatusUpdatedPayload } from '../../protocol/events.js';
import type { Order, StoredEvent } from '../../protocol/model.js';

/**
 * The message a stored event becomes on the wire; `order` is the order as that event left it, when
 * known. A recall carries `recalled: true` and, as an extension, that order (see StatusUpdatedPayload).
 */
export function toMessage(event: StoredEvent, replay: boolean, order?: Order): BatchMessage {
  if (event.type === 'OrderCreated') {
    const data: OrderReceivedPayload = {
      order: order ?? applyEvent(undefined, event),
      seq: event.seq,
      epoch: event.epoch,
      timestamp: event.timestamp,
    };
    if (replay) data.replay = true;
    return { event: 'restaurant_order_received', data };
  }
  const data: StatusUpdatedPayload = {
    orderId: event.orderId,
    restaurantId: event.restaurantId,
    from: event.from,
    newStatus: event.to,
    version: event.version,
    seq: event.seq,
    epoch: event.epoch,
    timestamp: event.timestamp,
    reason: event.reason,
    actor: event.actor,
  };
  if (event.type === 'OrderStatusRecalled') {
    data.recalled = true;
    if (order) data.order = order;
  }
  if (replay) data.replay = true;
  return { event: 'order_status_updated', data };
}
