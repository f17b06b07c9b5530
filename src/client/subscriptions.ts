import { EventEmitter } from 'node:events';
import { RtcError, toRtcError, type ErrorCode } from '../protocol/errors.js';
import type { BatchMessage, StreamHeadPayload } from '../protocol/events.js';
import { orderRoom, restaurantRoom } from '../protocol/rooms.js';
import type { Requester, StreamModel } from './stream-model.js';

/** Why a room was joined again: after a reconnect, or because its stream showed a hole, a stale head or a new epoch. */
export type JoinReason = 'hole' | 'head' | 'epoch' | 'reconnect';

export interface SubscriptionsEvents {
  /** A model loaded a snapshot or applied a message, or its join was refused (then `error(room)` says why). */
  changed: [StreamModel];
  /** A room is re-joined to catch up after a hole, a stale head or a new epoch (not after a reconnect). */
  resync: [{ room: string; reason: JoinReason }];
  /** A join the server refused for good (forbidden, not found, bad request). */
  notice: [RtcError];
}

/** What subscriptions need of the connection: whether it is up, and a way to ask. */
export interface SubscriptionLink {
  readonly connected: boolean;
  request: Requester;
}

interface Subscription {
  model: StreamModel;
  /** A join is under way: live messages wait in `pending` until its snapshot is loaded; replays do not. */
  joining: boolean;
  pending: BatchMessage[];
  /** Why the server refused the last join, if it did. */
  error?: RtcError | undefined;
}

/** Refusals that another try would meet again: the subscription stops and says why. */
const FINAL_REFUSALS: ReadonlySet<ErrorCode> = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

/**
 * The rooms a client follows, each with its model. Every join asks with `since` for what follows what
 * the model holds; live events that arrive meanwhile wait and are applied after the snapshot, in seq
 * order; each message is applied once; a hole, a stale stream head or a new epoch re-joins the room.
 */
export class Subscriptions extends EventEmitter<SubscriptionsEvents> {
  /** Re-joins to catch up (not counting reconnects), and holes or stale heads seen: the drill reports them. */
  resyncs = 0;
  holes = 0;
  private readonly byRoom = new Map<string, Subscription>();
  private readonly request: Requester;

  constructor(private readonly link: SubscriptionLink) {
    super();
    this.request = link.request.bind(link);
  }

  /** The model following `room`, if any. */
  model(room: string): StreamModel | undefined {
    return this.byRoom.get(room)?.model;
  }

  /** Follows the model's room from now on, joining now if connected; returns the model. */
  add<M extends StreamModel>(model: M): M {
    const subscription: Subscription = { model, joining: false, pending: [] };
    this.byRoom.set(model.room, subscription);
    if (this.link.connected) void this.join(subscription, 'reconnect');
    return model;
  }

  /** Stops following a room, and leaves it on the server if connected (a failure there is of no interest). */
  remove(room: string): void {
    const subscription = this.byRoom.get(room);
    if (!subscription) return;
    this.byRoom.delete(room);
    if (this.link.connected) void subscription.model.leave(this.request).catch(() => {});
  }

  /** The error a subscription ended with (forbidden, not found), if any. */
  error(room: string): RtcError | undefined {
    return this.byRoom.get(room)?.error;
  }

  /** After (re)connecting: a new socket is in no room, so every subscription joins again with `since`. */
  rejoinAll(): void {
    for (const subscription of this.byRoom.values()) void this.join(subscription, 'reconnect');
  }

  /** Routes one business event (live, replayed, or out of a batch) to the rooms it belongs to. */
  receive(message: BatchMessage): void {
    const restaurantId = message.event === 'restaurant_order_received' ? message.data.order.restaurantId : message.data.restaurantId;
    const targets = [this.byRoom.get(restaurantRoom(restaurantId))];
    if (message.event === 'order_status_updated') targets.push(this.byRoom.get(orderRoom(message.data.orderId)));
    for (const subscription of targets) {
      if (!subscription) continue;
      if (subscription.joining && !message.data.replay) subscription.pending.push(message);
      else this.deliver(subscription, message);
    }
  }

  /** A stream head: the restaurant's last seq and epoch, which tell a board that missed the last events. */
  head(head: StreamHeadPayload): void {
    const subscription = this.byRoom.get(restaurantRoom(head.restaurantId));
    if (!subscription || subscription.joining) return;
    const verdict = subscription.model.compareHead(head);
    if (verdict === 'epoch') {
      subscription.model.forgetEpoch();
      void this.join(subscription, 'epoch');
    } else if (verdict === 'behind') {
      this.holes++;
      void this.join(subscription, 'head');
    }
  }

  private async join(subscription: Subscription, reason: JoinReason): Promise<void> {
    if (subscription.joining || !this.link.connected) return;
    subscription.joining = true;
    subscription.pending = [];
    if (reason !== 'reconnect') {
      this.resyncs++;
      this.emit('resync', { room: subscription.model.room, reason });
    }
    try {
      await subscription.model.join(this.request);
      subscription.joining = false;
      this.drainPending(subscription);
      this.emit('changed', subscription.model);
      subscription.error = undefined;
    } catch (error) {
      subscription.joining = false;
      const rtcError = toRtcError(error);
      if (FINAL_REFUSALS.has(rtcError.code)) {
        subscription.error = rtcError;
        this.emit('notice', rtcError);
        this.emit('changed', subscription.model);
        return;
      }
      // Offline, rate limited or slow: try again shortly; a reconnect also re-joins.
      const retry = (rtcError.retryAfter ?? 1) * 1000;
      const room = subscription.model.room;
      setTimeout(() => this.byRoom.get(room) === subscription && void this.join(subscription, reason), retry).unref();
    }
  }

  private drainPending(subscription: Subscription): void {
    const pending = subscription.pending.sort((a, b) => a.data.seq - b.data.seq);
    subscription.pending = [];
    for (const message of pending) this.deliver(subscription, message);
  }

  private deliver(subscription: Subscription, message: BatchMessage): void {
    const result = subscription.model.receive(message);
    if (result === 'applied') {
      this.emit('changed', subscription.model);
    } else if (result === 'hole') {
      this.holes++;
      void this.join(subscription, 'hole');
    } else if (result === 'epoch') {
      subscription.model.forgetEpoch();
      void this.join(subscription, 'epoch');
    }
  }
}
