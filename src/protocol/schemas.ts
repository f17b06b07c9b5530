import { UNPRINTABLE_SOURCE } from './inert-text.js';
import { z } from 'zod';
import { STATUSES } from './status.js';

/** Limits that keep one request from hurting everyone else. */
export const LIMITS = {
  bodyBytes: 64 * 1024,
  items: 100,
  itemName: 100,
  qty: 999,
  amount: 1_000_000,
  customerName: 100,
  reason: 500,
  id: 64,
  modsPerItem: 10,
  mod: 60,
  note: 500,
} as const;

/**
 * What "printable" refuses (contract section 1): control characters, bidirectional controls, line
 * separators, invisible format characters, noncharacters and lone surrogates (UNPRINTABLE_SOURCE in
 * inert-text.ts: the same set the terminals' gate makes inert), which would let a name move the
 * cursor, reorder what a kitchen screen shows after it, look blank, or not survive storage.
 */
export const UNPRINTABLE = new RegExp(UNPRINTABLE_SOURCE);

/** Whether `text` holds printable text only (see UNPRINTABLE). */
export function isPrintableText(text: string): boolean {
  return !UNPRINTABLE.test(text);
}

/**
 * A text field of the contract: a string of printable text only, trimmed, `min`-`max` characters
 * (UTF-16 units, as JSON counts them). Control and bidi characters are refused before trimming, so
 * that a trailing newline is refused rather than silently cut. Every text field of every schema uses it.
 */
export function printableText(min: number, max: number, what = 'text') {
  return z
    .string({ error: `${what} must be a string` })
    .refine(isPrintableText, `${what} must be printable text: control, bidirectional and invisible characters and broken surrogates are refused`)
    .trim()
    .min(min, min === 1 ? `${what} must not be empty` : `${what} must be at least ${min} characters`)
    .max(max, `${what} must be at most ${max} characters`);
}

export const idSchema = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(LIMITS.id, `must be at most ${LIMITS.id} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, 'may hold only letters, digits, - and _');

/**
 * Order ids are read aloud across a kitchen, so any case names the same order: ids are made of
 * upper-case letters and digits (server/store/order-id.ts), and input is brought to that form.
 */
export function normalOrderId(id: string): string {
  return id.toUpperCase();
}

/** An order id as given by a client, in any case; parses to the stored (upper-case) form. */
export const orderIdSchema = idSchema.transform(normalOrderId);

export const statusSchema = z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` });

export const itemSchema = z.object({
  name: printableText(1, LIMITS.itemName, 'item name'),
  qty: z.number().int('qty must be a whole number').min(1, 'qty must be at least 1').max(LIMITS.qty),
  mods: z
    .array(printableText(1, LIMITS.mod, 'modifier'))
    .max(LIMITS.modsPerItem, `an item takes at most ${LIMITS.modsPerItem} modifiers`)
    .optional(),
});

export const loginBody = z.object({
  username: printableText(1, 100, 'username'),
  password: z.string().min(1).max(1000),
});

export const createOrderBody = z.object({
  restaurantId: idSchema,
  items: z.array(itemSchema).min(1, 'an order needs at least one item').max(LIMITS.items),
  amount: z
    .number({ error: 'amount must be a number' })
    .finite()
    .min(0, 'amount must not be negative')
    .max(LIMITS.amount, `amount must be at most ${LIMITS.amount}`),
  customerName: printableText(1, LIMITS.customerName, 'customerName').optional(),
  note: printableText(1, LIMITS.note, 'note').optional(),
});

export const advanceBody = z.object({
  to: statusSchema.optional(),
  expect: statusSchema.optional(),
});

export const cancelBody = z.object({
  reason: printableText(0, LIMITS.reason, 'reason').optional(),
  expect: statusSchema.optional(),
});

export const recallBody = z.object({
  expect: statusSchema.optional(),
});

export const listOrdersQuery = z.object({
  restaurantId: idSchema.optional(),
  status: statusSchema.optional(),
});

const sinceSchema = z.number().int().min(0).optional();

export const joinRestaurantPayload = z.object({ restaurantId: idSchema, since: sinceSchema });
export const leaveRestaurantPayload = z.object({ restaurantId: idSchema });
export const joinOrderPayload = z.object({ orderId: orderIdSchema, since: sinceSchema });
export const leaveOrderPayload = z.object({ orderId: orderIdSchema });
export const joinAdminPayload = z.object({}).optional();
export const orderAdvancePayload = advanceBody.extend({ orderId: orderIdSchema });
export const orderCancelPayload = cancelBody.extend({ orderId: orderIdSchema });
export const sessionRefreshPayload = z.object({ token: z.string().min(1).max(4096) });
export const orderRecallPayload = recallBody.extend({ orderId: orderIdSchema });

export type LoginBody = z.infer<typeof loginBody>;
export type CreateOrderBody = z.infer<typeof createOrderBody>;
export type AdvanceBody = z.infer<typeof advanceBody>;
export type CancelBody = z.infer<typeof cancelBody>;
export type RecallBody = z.infer<typeof recallBody>;

/** One line per problem, naming the field, so a user can fix the request without reading code. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
