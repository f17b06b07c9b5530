import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';

/** However busy the link, the heartbeat still measures the round-trip time this often (the header shows it). */
const RTT_REFRESH_MS = 60_000;
/** How often the heartbeat looks at the silence: a dead link is found within this of the allowed silence. */
const CHECK_MS = 1000;

export interface HeartbeatOptions {
  /** Silence (ms) after which the heartbeat asks the server whether it is there. */
  intervalMs: number;
  /** How long the server may take to answer a ping before the link counts as dead (ms). */
  timeoutMs: number;
  /** A ping was answered after `rttMs` with the server's clock `serverTime` (ms since the epoch), on a socket still connected. */
  onAnswer: (rttMs: number, serverTime: number | undefined) => void;
  /** A ping went unanswered within `timeoutMs` on a socket still connected: the link is dead. */
  onDead: (reason: string) => void;
}

/**
 * Finds a dead link, and measures the round-trip time, with the `ping` request. Anything the server
 * sends on the socket (an event, a stream head, an answer, the server's liveness beat every 4 s) counts as
 * being heard: the server's process sent it, and a chaos partition silences engine.io's pings too
 * (chaos/socket-outbox.ts), as a real one does. So an idle link is heard through the 3-byte pings and
 * the heartbeat asks only when those stop. After `intervalMs` of silence it asks, and `timeoutMs`
 * later without an answer it calls the link dead: a silent link is found within intervalMs +
 * timeoutMs + 1 s, even while the socket says connected.
 */
export class Heartbeat {
  /** When the server last sent anything on the socket, and when we last asked (ms, our clock). */
  private lastHeardAt = 0;
  private lastBeatAt = 0;
  private asking = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    private readonly options: HeartbeatOptions,
  ) {}

  /** The server said something: the link was alive just now. */
  heard(): void {
    this.lastHeardAt = Date.now();
  }

  /** When the server was last heard (ms since the epoch, our clock); 0 before it ever was. */
  get lastHeard(): number {
    return this.lastHeardAt;
  }

  /** Asks now, then watches the silence; the timer does not keep the process alive. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.beat(), Math.min(CHECK_MS, this.options.intervalMs));
    this.timer.unref();
    void this.beat(true);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async beat(force = false): Promise<void> {
    if (this.asking) return;
    const started = Date.now();
    // A link the server spoke on within the interval is alive: asking again costs every watcher's
    // server a request per beat. The round-trip time is still measured at least every RTT_REFRESH_MS.
    if (!force && started - this.lastHeardAt < this.options.intervalMs && started - this.lastBeatAt < RTT_REFRESH_MS) return;
    this.lastBeatAt = started;
    this.asking = true;
    try {
      const answer = (await this.socket.timeout(this.options.timeoutMs).emitWithAck('ping', {})) as { serverTime?: number; time?: number };
      if (!this.socket.connected) return;
      this.heard();
      this.options.onAnswer(Date.now() - started, answer?.serverTime ?? answer?.time);
    } catch {
      if (this.socket.connected) this.options.onDead(`no answer from the server within ${this.options.timeoutMs / 1000} s`);
    } finally {
      this.asking = false;
    }
  }
}
