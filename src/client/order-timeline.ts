import { changeStatus } from '../domain/fold.js';
import type { BatchMessage, OrderSnapshot, StatusUpdatedPayload } from '../protocol/events.js';
import type { Order } from '../protocol/model.js';
import { orderRoom } from '../protocol/rooms.js';
import type { Status } from '../protocol/status.js';
import type { ApplyResult, Requester, StreamModel } from './stream-model.js';

export interface TimelineEntry {
  status: Status;
  /** The status before the change (null for creation, undefined when not known). */
  from?: Status | null | undefined;
  at: string;
  version: number;
  reason: string | null;
  /** Who made the change (user id), when the server said. */
  actor?: string | undefined;
  /** True for a recall: the change undid the one before it. */
  recalled?: boolean | undefined;
}

/** One order and the statuses it went through, for a customer watching it. Applies by version, once each. */
export class OrderTimeline implements StreamModel {
  epoch: string | undefined;
  order: Order | undefined;
  readonly room: string;
  private readonly byVersion = new Map<number, TimelineEntry>();

  constructor(readonly orderId: string) {
    this.room = orderRoom(orderId);
  }

  /** The highest version applied without a gap below it. */
  get version(): number {
    let version = 0;
    for (const v of this.byVersion.keys()) version = Math.max(version, v);
    return Math.max(version, this.order?.version ?? 0);
  }

  get hasState(): boolean {
    return this.order !== undefined;
  }

  entries(): TimelineEntry[] {
    return [...this.byVersion.values()].sort((a, b) => a.version - b.version);
  }

  /** Joins with `since` = the version it holds (0 before the first snapshot). */
  async join(request: Requester): Promise<void> {
    const since = this.hasState ? this.version : 0;
    this.loadSnapshot(await request('join_order_room', { orderId: this.orderId, since }));
  }

  leave(request: Requester): Promise<unknown> {
    return request('leave_order_room', { orderId: this.orderId });
  }

  /** An order room carries status updates only; anything else changes nothing here. */
  receive(message: BatchMessage): ApplyResult {
    return message.event === 'order_status_updated' ? this.apply(message.data) : 'duplicate';
  }

  /** Nothing to forget: the next snapshot of another epoch clears the versions (see loadSnapshot). */
  forgetEpoch(): void {}

  /** Stream heads describe restaurant rooms only. */
  compareHead(): undefined {
    return undefined;
  }

  loadSnapshot(snapshot: OrderSnapshot): void {
    if (this.epoch !== undefined && this.epoch !== snapshot.epoch) this.byVersion.clear();
    this.epoch = snapshot.epoch;
    if (!this.byVersion.has(1)) this.byVersion.set(1, { status: 'Pending', from: null, at: snapshot.order.createdAt, version: 1, reason: null });
    if (!this.order || snapshot.order.version >= this.order.version) this.order = snapshot.order;
  }

  apply(update: StatusUpdatedPayload): ApplyResult {
    if (this.epoch !== undefined && update.epoch !== this.epoch) return 'epoch';
    if (this.byVersion.has(update.version) || update.version <= (this.order?.version ?? 0)) return 'duplicate';
    const highest = this.version;
    if (highest > 0 && update.version !== highest + 1) return 'hole';
    this.byVersion.set(update.version, {
      status: update.newStatus,
      from: update.from,
      at: update.timestamp,
      version: update.version,
      reason: update.reason,
      actor: update.actor,
      ...(update.recalled ? { recalled: true } : {}),
    });
    if (this.order) this.order = changeStatus(this.order, { to: update.newStatus, version: update.version, timestamp: update.timestamp });
    return 'applied';
  }
}
