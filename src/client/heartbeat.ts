import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';

/** However busy the link, the heartbeat still measures the round-trip time this often. */
const RTT_REFRESH_MS = 30_000;

export interface HeartbeatOptions {
  /** How often a beat runs (ms). */
  intervalMs: number;
  /** How long the server may take to answer a ping before the link counts as dead (ms). */
  timeoutMs: number;
  /** A ping was answered after `rttMs`, on a socket still connected. */
  onRtt: (rttMs: number) => void;
  /** A ping went unanswered within `timeoutMs` on a socket still connected: the link is dead. */
  onDead: (reason: string) => void;
}

/**
 * Finds a dead link sooner than engine.io's own ping, and measures the round-trip time, with the
 * contract's `ping` request. Anything heard from the server counts as a beat (see `heard`).
 */
export class Heartbeat {
  /** When the server last sent anything (an event, a stream head, an engine.io ping), and when we last asked. */
  private lastHeardAt = 0;
  private lastBeatAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    private readonly options: HeartbeatOptions,
  ) {}

  /** The server said something: the link was alive just now. */
  heard(): void {
    this.lastHeardAt = Date.now();
  }

  /** Beats now and every `intervalMs`; the timer does not keep the process alive. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs);
    this.timer.unref();
    void this.beat();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(): Promise<void> {
    const started = Date.now();
    // A link the server spoke on within the interval is alive: asking again costs every watcher's
    // server a request per beat (at one update a minute, most of a quiet server's work). The
    // round-trip time is still measured at least every RTT_REFRESH_MS.
    if (started - this.lastHeardAt < this.options.intervalMs && started - this.lastBeatAt < RTT_REFRESH_MS) return;
    this.lastBeatAt = started;
    try {
      await this.socket.timeout(this.options.timeoutMs).emitWithAck('ping', {});
      if (this.socket.connected) this.options.onRtt(Date.now() - started);
    } catch {
      if (this.socket.connected) this.options.onDead(`no heartbeat answer within ${this.options.timeoutMs} ms`);
    }
  }
}
