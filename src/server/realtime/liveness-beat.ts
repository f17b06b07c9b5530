/**
 * The part of an engine.io connection the beat uses: `sendPacket('noop')` writes a 1-byte packet, and
 * engine.io's documented `packetCreate` event tells of every packet the connection is sent.
 */
export interface BeatConnection {
  sendPacket(type: 'noop'): void;
  on(event: 'packetCreate', listener: (this: BeatConnection, packet: { type: string }) => void): unknown;
  off(event: 'packetCreate', listener: (this: BeatConnection, packet: { type: string }) => void): unknown;
}

/**
 * The beat's interval (ms): under the client's 5 s heartbeat interval (src/client/connection.ts), so an
 * idle link is heard before the client would ask, and STALE shows within about 9 s of a silent server.
 */
export const LIVENESS_BEAT_MS = 4_000;

/** How often the beat ticks (ms): each tick writes to one slice of the connections, so none waits long. */
const TICK_MS = 50;

/** What the beat keeps of a connection: its slice, and the tick count when it was last sent anything else. */
interface Beaten {
  slice: number;
  spokeAt: number;
}

/**
 * The server's liveness beat: an engine.io `noop` packet (1 byte, 3 on the wire) to every connection
 * that has been sent nothing else for `beatMs`, which the client counts as the server being heard and
 * does not answer.
 *
 * Why not engine.io's ping at the same interval: every ping is answered by a pong, so at 4 s the
 * server read as many frames as it wrote, and the ping/pong pairs were most of an idle server's CPU
 * (1,000 idle watchers: 6x raw Socket.IO's CPU, which pings every 25 s). A kitchen screen must still
 * find a silent server within seconds (STALE within about 9 s), so the server must say something that
 * often; it need not hear back that often, since a dead client costs only its socket until engine.io's
 * own ping (25 s + 20 s) ends it. A chaos partition silences the beat too: it goes through the
 * connection's `sendPacket` (chaos/socket-outbox.ts).
 *
 * Connections are spread over `beatMs / 50 ms` slices and one slice is looked at per 50 ms tick, so
 * 10,000 sockets cost at most 125 writes a tick instead of 10,000 at once (which held events for
 * ~40 ms). A connection sent something else since its last beat (an event, a head, an answer, a
 * ping) is not beaten: it moves to the slice due `beatMs` after that packet, so the longest silence
 * stays `beatMs` (plus a tick) and a busy watcher is never written a beat at all (fan-out to one room
 * at 50 events/s: 250 beats a second fewer per 1,000 watchers).
 */
export class LivenessBeat {
  private readonly slices: Set<BeatConnection>[];
  private readonly beaten = new Map<BeatConnection, Beaten>();
  /** Ticks since the beat started: the beat's clock, in TICK_MS steps. */
  private ticks = 0;
  private nextSlice = 0;
  private timer: NodeJS.Timeout | undefined;
  /** One listener shared by every connection (engine.io calls it with the connection as `this`), not a closure each. */
  private readonly onPacket: (this: BeatConnection, packet: { type: string }) => void;

  /** `beatMs`: the longest a connection goes without hearing the server (ms), at least one tick. */
  constructor(beatMs: number) {
    this.slices = Array.from({ length: Math.max(1, Math.round(beatMs / TICK_MS)) }, () => new Set());
    const beaten = this.beaten;
    const clock = () => this.ticks;
    this.onPacket = function (this: BeatConnection, packet: { type: string }) {
      if (packet.type === 'noop') return;
      const state = beaten.get(this);
      if (state) state.spokeAt = clock();
    };
  }

  /** Beats `connection` from now on, in the slice after the last one given (so slices stay even). */
  add(connection: BeatConnection): void {
    const slice = this.nextSlice;
    this.slices[slice]!.add(connection);
    this.beaten.set(connection, { slice, spokeAt: -Infinity });
    connection.on('packetCreate', this.onPacket);
    this.nextSlice = (this.nextSlice + 1) % this.slices.length;
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  /** Stops beating `connection` (on disconnect); the timer stops with the last one. */
  remove(connection: BeatConnection): void {
    const state = this.beaten.get(connection);
    if (!state) return;
    this.slices[state.slice]!.delete(connection);
    this.beaten.delete(connection);
    connection.off('packetCreate', this.onPacket);
    if (this.beaten.size === 0) this.stop();
  }

  /** Stops the timer; a connection added later starts it again. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const count = this.slices.length;
    const index = this.ticks % count;
    const slice = this.slices[index]!;
    const now = this.ticks;
    this.ticks++;
    for (const connection of slice) {
      const state = this.beaten.get(connection)!;
      // Ticks since it was last sent something else; under a round means it was heard since its last beat.
      const since = now - state.spokeAt;
      if (since >= count) {
        connection.sendPacket('noop');
        continue;
      }
      // Due a round after what it was sent (at least the next tick): the silence never passes beatMs.
      const next = (index + Math.max(1, count - since)) % count;
      if (next === index) continue;
      slice.delete(connection);
      this.slices[next]!.add(connection);
      state.slice = next;
    }
  }
}
