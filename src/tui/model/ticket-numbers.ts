import type { Order } from '../../protocol/model.js';

/** The numbers a ticket can carry: the keys 1 to 9. */
export const NUMBER_KEYS = 9;

/**
 * How long a number stays unused after its ticket left the board, in ms: a cook who read "3" and
 * presses 3 as the ticket leaves (bumped on another screen) must not bump a newcomer that took it.
 */
export const NUMBER_HOLD_MS = 3000;

/** What became of the last ticket that carried a number no ticket carries now. */
export interface FreedNumber {
  orderId: string;
  /** When it left the board, ms on the board's own clock. */
  at: number;
}

/**
 * The bump keys of a board's tickets. A ticket keeps its number for its whole life on this board: it
 * does not change when others leave. A new ticket takes the lowest number no ticket carries and none
 * left within NUMBER_HOLD_MS; with all nine in use it has none, and when one comes free the oldest
 * ticket without a number takes it. A ticket that comes back (a recall of its final bump or cancel)
 * takes its old number again if no other took it. At start the oldest nine take 1 to 9, oldest first. Fed the open
 * tickets, oldest first, at every render (`update`); the same tickets give the same numbers.
 */
export class TicketNumbers {
  private readonly byId = new Map<string, number>();
  private readonly freed = new Map<number, FreedNumber>();

  constructor(
    private readonly holdMs = NUMBER_HOLD_MS,
    private readonly keys = NUMBER_KEYS,
  ) {}

  /** Frees the numbers of tickets no longer open and gives free ones to tickets without; `now` is ms on the board's clock. */
  update(openOldestFirst: readonly Order[], now: number): ReadonlyMap<string, number> {
    const open = new Set(openOldestFirst.map((order) => order.id));
    for (const [id, number] of this.byId) {
      if (open.has(id)) continue;
      this.byId.delete(id);
      this.freed.set(number, { orderId: id, at: now });
    }
    if (this.byId.size < this.keys) {
      const taken = new Set(this.byId.values());
      for (const order of openOldestFirst) {
        if (this.byId.has(order.id)) continue;
        const number = this.returning(order.id, taken) ?? this.lowestFree(taken, now);
        if (number === undefined) break;
        this.byId.set(order.id, number);
        this.freed.delete(number);
        taken.add(number);
      }
    }
    return this.byId;
  }

  /** The ticket that carries `number` now, if any. */
  holder(number: number): string | undefined {
    for (const [id, carried] of this.byId) if (carried === number) return id;
    return undefined;
  }

  /** The ticket that last carried `number`, if none carries it now and it left the board. */
  lastHolder(number: number): FreedNumber | undefined {
    return this.freed.get(number);
  }

  /** The number a ticket carried before it left, if it is back (an undone final bump or cancel) and the number is still free. */
  private returning(orderId: string, taken: ReadonlySet<number>): number | undefined {
    for (const [number, freed] of this.freed) if (freed.orderId === orderId && !taken.has(number)) return number;
    return undefined;
  }

  private lowestFree(taken: ReadonlySet<number>, now: number): number | undefined {
    for (let number = 1; number <= this.keys; number++) {
      if (taken.has(number)) continue;
      const freed = this.freed.get(number);
      if (freed && now - freed.at < this.holdMs) continue;
      return number;
    }
    return undefined;
  }
}
