import { zeroCounts, type FaultCounts, type FaultRequest, type FaultType, type FaultView } from '../../protocol/chaos.js';
import { restaurantRoom } from '../../protocol/rooms.js';
import type { RtcSocket } from '../realtime/types.js';
import { seededRandom } from '../../lib/seeded-random.js';

/** One injected fault: what it does, to whom, until when, and what it has done so far. */
export class Fault {
  readonly counts: FaultCounts = zeroCounts();
  readonly random: () => number;
  readonly startedAt = Date.now();
  readonly expiresAt: number;
  /** Sockets it applies to now; kept by the chaos module as sockets come, go and join rooms. */
  readonly sockets = new Set<string>();
  expiry: NodeJS.Timeout | undefined;
  endedAt: number | undefined;

  constructor(
    readonly id: string,
    readonly spec: FaultRequest & { seed: number; forSeconds: number },
    readonly createdBy: string,
  ) {
    this.random = seededRandom(spec.seed);
    this.expiresAt = this.startedAt + spec.forSeconds * 1000;
  }

  get type(): FaultType {
    return this.spec.type;
  }

  /** A restaurant fault follows the sockets in that restaurant's room; a user fault, that user's sockets. */
  matches(socket: RtcSocket): boolean {
    if (this.spec.userId) return socket.data.user?.id === this.spec.userId;
    if (this.spec.restaurantId) return socket.rooms.has(restaurantRoom(this.spec.restaurantId));
    return true;
  }

  /** Whether a request that is not yet from a matching socket would make it one (joining the restaurant). */
  claims(event: string, payload: unknown): boolean {
    if (!this.spec.restaurantId || event !== 'join_restaurant_room') return false;
    return (payload as { restaurantId?: unknown } | undefined)?.restaurantId === this.spec.restaurantId;
  }

  /** True with probability `rate`, from this fault's own seeded sequence. */
  roll(): boolean {
    const rate = 'rate' in this.spec ? this.spec.rate : 0;
    return this.random() < rate;
  }

  /** The latency for one frame: ms ± jitter, never negative. */
  delayMs(): number {
    if (this.spec.type !== 'latency') return 0;
    const jitter = this.spec.jitter ?? 0;
    return Math.max(0, Math.round(this.spec.ms + (this.random() * 2 - 1) * jitter));
  }

  view(now: number = Date.now()): FaultView {
    const { type, restaurantId, userId, seed } = this.spec;
    const view: FaultView = {
      id: this.id,
      type,
      restaurantId: restaurantId ?? null,
      userId: userId ?? null,
      seed,
      createdBy: this.createdBy,
      startedAt: new Date(this.startedAt).toISOString(),
      expiresAt: new Date(this.expiresAt).toISOString(),
      remainingMs: this.endedAt === undefined ? Math.max(0, this.expiresAt - now) : 0,
      sockets: this.sockets.size,
      counts: { ...this.counts },
    };
    if (this.endedAt !== undefined) view.endedAt = new Date(this.endedAt).toISOString();
    if ('rate' in this.spec) view.rate = this.spec.rate;
    if (this.spec.type === 'latency') {
      view.ms = this.spec.ms;
      view.jitter = this.spec.jitter ?? 0;
    }
    if (this.spec.type === 'reorder') view.window = this.spec.window;
    return view;
  }
}
