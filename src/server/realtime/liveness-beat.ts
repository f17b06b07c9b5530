/** The part of an engine.io connection the beat uses: `sendPacket('noop')` writes a 1-byte packet. */
export interface BeatConnection {
  sendPacket(type: 'noop'): void;
}

/**
 * The beat's interval (ms): under the client's 5 s heartbeat interval (src/client/connection.ts), so an
 * idle link is heard before the client would ask, and STALE shows within about 9 s of a silent server.
 */
export const LIVENESS_BEAT_MS = 4_000;

/** How often the beat ticks (ms): each tick writes to one slice of the connections, so none waits long. */
const TICK_MS = 50;

/**
 * The server's liveness beat: an engine.io `noop` packet (1 byte, 3 on the wire) to every connection
 * every `beatMs`, which the client counts as the server being heard and does not answer.
 *
 * Why not engine.io's ping at the same interval: every ping is answered by a pong, so at 4 s the
 * server read as many frames as it wrote, and the ping/pong pairs were most of an idle server's CPU
 * (1,000 idle watchers: 6x raw Socket.IO's CPU, which pings every 25 s). A kitchen screen must still
 * find a silent server within seconds (STALE within about 9 s), so the server must say something that
 * often; it need not hear back that often, since a dead client costs only its socket until engine.io's
 * own ping (25 s + 20 s) ends it. A chaos partition silences the beat too: it goes through the
 * connection's `sendPacket` (chaos/socket-outbox.ts).
 *
 * Connections are spread over `beatMs / 50 ms` slices and one slice is beaten per 50 ms tick, so
 * 10,000 sockets cost 125 writes a tick instead of 10,000 at once (which held events for ~40 ms).
 */
export class LivenessBeat {
  private readonly slices: Set<BeatConnection>[];
  /** Each connection's slice, so a disconnect finds it at once. */
  private readonly sliceOf = new Map<BeatConnection, Set<BeatConnection>>();
  private nextSlice = 0;
  private tickIndex = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `beatMs`: the longest a connection goes without a beat (ms), at least one tick. */
  constructor(beatMs: number) {
    this.slices = Array.from({ length: Math.max(1, Math.round(beatMs / TICK_MS)) }, () => new Set());
  }

  /** Beats `connection` from now on, in the slice after the last one given (so slices stay even). */
  add(connection: BeatConnection): void {
    const slice = this.slices[this.nextSlice]!;
    slice.add(connection);
    this.sliceOf.set(connection, slice);
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  /** Stops beating `connection` (on disconnect); the timer stops with the last one. */
  remove(connection: BeatConnection): void {
    const slice = this.sliceOf.get(connection);
    if (!slice) return;
    slice.delete(connection);
    this.sliceOf.delete(connection);
    if (this.sliceOf.size === 0) this.stop();
  }

  /** Stops the timer; a connection added later starts it again. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const slice = this.slices[this.tickIndex]!;
    this.tickIndex = (this.tickIndex + 1) % this.slices.length;
    for (const connection of slice) connection.sendPacket('noop');
  }
}
