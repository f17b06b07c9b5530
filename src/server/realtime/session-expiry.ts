import type { RtcSocket } from './types.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ends each socket's session when its token expires, with one timer for the whole server armed for
 * the earliest expiry: a timer per socket (a Timeout, its closure and context) was a quarter of a
 * kilobyte of every idle watcher's heap.
 */
export class SessionExpiry {
  private readonly byExpiry = new Map<number, Set<RtcSocket>>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(private readonly expire: (socket: RtcSocket) => void) {}

  add(socket: RtcSocket, expiresAt: number): void {
    let sockets = this.byExpiry.get(expiresAt);
    if (!sockets) this.byExpiry.set(expiresAt, (sockets = new Set()));
    sockets.add(socket);
    if (expiresAt < this.armedFor) this.arm(expiresAt);
  }

  remove(socket: RtcSocket, expiresAt: number): void {
    const sockets = this.byExpiry.get(expiresAt);
    if (!sockets) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.byExpiry.delete(expiresAt);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [at, sockets] of this.byExpiry) {
      if (at > now) {
        next = Math.min(next, at);
        continue;
      }
      this.byExpiry.delete(at);
      for (const socket of sockets) this.expire(socket);
    }
    if (next < Infinity) this.arm(next);
  }
}
