import { RtcError } from '../../protocol/errors.js';
import { bufferedBytes } from '../realtime/catch-up.js';
import type { RtcSocket } from '../realtime/types.js';

export interface SnapshotGateOptions {
  /** Restaurant snapshots one user may have in the making at once on this node, over all sockets. */
  perUser: number;
  /** A socket whose send buffer holds more than this (bytes) is still being sent its last answer. */
  busyBytes: number;
}

/**
 * Lets a restaurant snapshot (a join's answer: every open order of the room) be built only when it
 * can be sent. A snapshot costs the server in proportion to the room (a big one, megabytes of JSON,
 * takes tens of ms to encode and holds that much memory until the client reads it), while the rate
 * limits count requests, not their cost: sixty joins at once froze the event loop for five seconds,
 * and five joins in a row filled a reading client's buffer past the send cap (attacker trial of
 * 2026-11-30). So, per socket, one join at a time and none while the last answer is still in its
 * buffer; per user, at most `perUser` in the making. A refused join is RATE_LIMITED with retryAfter 1,
 * which rtc's client waits out and retries; nothing is built for it.
 */
export class SnapshotGate {
  private readonly joining = new WeakSet<RtcSocket>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly options: SnapshotGateOptions) {}

  /**
   * Admits one snapshot for the socket; answers the function that ends it (call it in `finally`).
   * @throws RtcError RATE_LIMITED when the socket or its user already has one in the making, or the
   * socket has not yet read the last one.
   */
  enter(socket: RtcSocket): () => void {
    const user = socket.data.user.id;
    if (this.joining.has(socket)) throw RtcError.rateLimited('this connection is already joining a restaurant room', 1);
    if (bufferedBytes(socket) > this.options.busyBytes) throw RtcError.rateLimited('the last answer is still being sent to this connection', 1);
    const inProgress = this.byUser.get(user) ?? 0;
    if (inProgress >= this.options.perUser) throw RtcError.rateLimited(`${inProgress} restaurant snapshots are already being made for this user`, 1);
    this.joining.add(socket);
    this.byUser.set(user, inProgress + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.joining.delete(socket);
      const left = (this.byUser.get(user) ?? 1) - 1;
      if (left > 0) this.byUser.set(user, left);
      else this.byUser.delete(user);
    };
  }
}
