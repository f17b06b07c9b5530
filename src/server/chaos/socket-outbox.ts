import type { RtcSocket } from '../realtime/types.js';

type SendPacket = (...args: unknown[]) => unknown;
type Connection = { sendPacket: SendPacket };

interface Queued {
  due: number;
  args: unknown[];
}

/**
 * Everything that leaves one socket's connection, not only business events: a partition must
 * also silence acks, stream_head, stats and engine.io's own pings (a client that counts a ping as
 * a sign of life must still find the link dead), and latency must delay stream_head with the
 * events it describes (else every head would look like a hole). It sits on the engine.io
 * connection's sendPacket, below Socket.IO, so nothing gets past it; frames keep their order, as
 * on a real link. A partition longer than engine.io's ping timeout ends with the server closing
 * the connection, as it would on a real network.
 */
export class SocketOutbox {
  private readonly connection: Connection;
  private readonly original: SendPacket;
  private queue: Queued[] = [];
  private lastDue = 0;
  private timer: NodeJS.Timeout | undefined;
  private muted = false;
  private delay: (() => number) | undefined;

  constructor(
    socket: RtcSocket,
    /** Called once the outbox has nothing to do: no fault left and nothing waiting. */
    private readonly onIdle: () => void,
  ) {
    this.connection = socket.conn as unknown as Connection;
    this.original = this.connection.sendPacket;
    this.connection.sendPacket = (...args: unknown[]) => this.send(args);
  }

  configure(options: { muted: boolean; delay: (() => number) | undefined }): void {
    this.muted = options.muted;
    this.delay = options.delay;
    // A cut link loses what was in flight.
    if (this.muted) this.queue = [];
    this.settle();
  }

  private send(args: unknown[]): unknown {
    if (this.muted) return undefined;
    const delay = this.delay?.() ?? 0;
    if (delay === 0 && this.queue.length === 0) return this.original.apply(this.connection, args);
    const due = Math.max(this.lastDue, Date.now() + delay);
    this.lastDue = due;
    this.queue.push({ due, args });
    this.schedule();
    return undefined;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.queue[0]!.due - Date.now()));
    this.timer.unref();
  }

  private flush(): void {
    this.timer = undefined;
    const now = Date.now();
    while (this.queue.length && this.queue[0]!.due <= now) this.original.apply(this.connection, this.queue.shift()!.args);
    this.schedule();
    this.settle();
  }

  private settle(): void {
    if (!this.muted && !this.delay && this.queue.length === 0) this.onIdle();
  }

  /** Puts the connection's own sendPacket back; what still waits goes out now, in order. */
  restore(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    delete (this.connection as Partial<Connection>).sendPacket;
    if (this.connection.sendPacket !== this.original) this.connection.sendPacket = this.original;
    const waiting = this.queue;
    this.queue = [];
    if (!this.muted) for (const { args } of waiting) this.original.apply(this.connection, args);
  }
}
