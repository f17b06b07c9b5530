import type { Order, OrderEvent } from './model.js';

// The request bodies are the zod schemas' types: CreateOrderBody, AdvanceBody and CancelBody in schemas.ts.

/** The answer to creating an order: the order as stored, status Pending, version 1. */
export interface OrderCreated {
  order: Order;
}

/** The answer to advancing or cancelling an order: the order after the change and the event that made it. */
export interface OrderChanged {
  order: Order;
  event: OrderEvent;
}
