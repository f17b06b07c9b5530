import { z } from 'zod';
import { idSchema } from './schemas.js';

/** The chaos API (`/api/chaos`): what a fault request holds, and how an active fault is shown. */

export const FAULT_TYPES = ['loss', 'partition', 'latency', 'duplicate', 'reorder'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** A fault with no --for ends after this; none may outlive MAX_FAULT_SECONDS. */
export const DEFAULT_FAULT_SECONDS = 60;
export const MAX_FAULT_SECONDS = 3600;
export const MAX_DELAY_MS = 60_000;

const rate = z
  .number({ error: 'rate must be a number' })
  .gt(0, 'rate must be more than 0')
  .max(1, 'rate must be at most 1 (a fraction: 0.3 is 30%)');
const millis = z.number({ error: 'must be a number of milliseconds' }).int('must be whole milliseconds').min(0).max(MAX_DELAY_MS);

const scope = {
  /** Only the sockets that watch this restaurant (are in its room, or ask to join it). */
  restaurantId: idSchema.optional(),
  /** Only this user's sockets (a user id or username). */
  userId: idSchema.optional(),
  forSeconds: z
    .number({ error: 'forSeconds must be a number' })
    .gt(0, 'forSeconds must be more than 0')
    .max(MAX_FAULT_SECONDS, `forSeconds must be at most ${MAX_FAULT_SECONDS}`)
    .optional(),
  seed: z.number({ error: 'seed must be a number' }).int('seed must be a whole number').min(0).max(2 ** 32 - 1).optional(),
};

export const faultRequestBody = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('loss'), rate, ...scope }),
      z.strictObject({ type: z.literal('duplicate'), rate, ...scope }),
      z.strictObject({ type: z.literal('latency'), ms: millis.refine((ms) => ms > 0, 'ms must be more than 0'), jitter: millis.optional(), ...scope }),
      z.strictObject({ type: z.literal('reorder'), window: millis.refine((ms) => ms > 0, 'window must be more than 0'), ...scope }),
      z.strictObject({ type: z.literal('partition'), ...scope }),
    ],
    { error: `type must be one of ${FAULT_TYPES.join(', ')}` },
  )
  .refine((body) => !(body.restaurantId && body.userId), 'give restaurantId or userId, not both');

export type FaultRequest = z.infer<typeof faultRequestBody>;

export interface FaultCounts {
  /** Business events not sent (loss). */
  dropped: number;
  /** Business events sent late (latency). */
  delayed: number;
  /** Extra copies sent (duplicate). */
  duplicated: number;
  /** Business events sent in another order than committed (reorder). */
  reordered: number;
  /** Business events withheld from cut-off sockets (partition). */
  partitioned: number;
  /** Requests from cut-off sockets that got no answer (partition). */
  ignored: number;
}

export interface FaultView {
  id: string;
  type: FaultType;
  rate?: number;
  ms?: number;
  jitter?: number;
  window?: number;
  restaurantId: string | null;
  userId: string | null;
  seed: number;
  createdBy: string;
  startedAt: string;
  expiresAt: string;
  remainingMs: number;
  /** Only on a fault that has ended (the answer of a heal, the log). */
  endedAt?: string;
  /** Local sockets it applies to right now (when it ended, for an ended fault). */
  sockets: number;
  counts: FaultCounts;
}

export const zeroCounts = (): FaultCounts => ({ dropped: 0, delayed: 0, duplicated: 0, reordered: 0, partitioned: 0, ignored: 0 });
