import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import { inflatePayload, type Deflated } from '../protocol/deflated.js';
import { RtcError } from '../protocol/errors.js';
import type { AnswerOf, ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';
import { initialConnectionState, type ConnectionState } from './connection-state.js';
import { Heartbeat } from './heartbeat.js';
import { untrustedServer } from './http-client.js';
import { ServerClock } from './server-clock.js';
import { redactedText } from '../protocol/redacted-url.js';

export interface ConnectionOptions {
  server: string;
  token: string;
  ca?: string | Buffer | undefined;
  /** Silence after which the heartbeat asks, and how long an answer may take before the link counts as dead (ms). */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  /** How long a request may wait for its answer (ms). */
  requestTimeoutMs?: number;
  /** Backoff between reconnection attempts: first delay and cap (ms). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Ask for compressed large frames and batched replays (both only understood by this client). */
  compact?: boolean;
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionEvents {
  state: [ConnectionState];
  /** Something the user should be told: a refused token. */
  notice: [RtcError];
  /** The socket is (again) connected: a new socket, in no room yet. */
  connect: [];
}

/**
 * One Socket.IO link to a server and its state machine (disconnected, connecting, connected,
 * reconnecting, error), with a heartbeat that finds a dead link and Socket.IO's backoff to bring it
 * back. It knows nothing of rooms: `connect` tells whoever follows rooms to join again.
 */
export class Connection extends EventEmitter<ConnectionEvents> {
  readonly server: string;
  /** The socket, for wiring the server's events; connect and disconnect only through this class. */
  readonly socket: ClientSocket;
  private readonly options: Required<Omit<ConnectionOptions, 'ca'>> & { ca?: string | Buffer | undefined };
  /** The last connect error, when it was a certificate this client does not trust. */
  private untrusted: RtcError | undefined;
  private readonly heartbeat: Heartbeat;
  /** The server's clock as seen from ours, from every `serverTime` the server sends. */
  readonly clock = new ServerClock();
  /** A (new) socket is up but the server has not answered on it yet: the state says connected only once it has. */
  private awaitingAnswer = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private connectionState: ConnectionState = initialConnectionState();
  private sessionExpired = false;
  /** What the server said when it ended the session (session_expired), if it said. */
  private sessionEndMessage: string | undefined;
  private signedOut = false;
  private closed = false;
  /**
   * Set by a SessionKeeper: called when the server refuses the token or ends the session, instead of
   * giving up; it answers with `resume` (a new token) or `signOut`. Unset, such a link ends in `error`.
   */
  onSessionEnd: ((reason: string) => void) | undefined;

  constructor(options: ConnectionOptions) {
    super();
    this.options = {
      heartbeatMs: 5000,
      heartbeatTimeoutMs: 4000,
      requestTimeoutMs: 10_000,
      reconnectDelayMs: 250,
      reconnectDelayMaxMs: 5000,
      compact: true,
      ...options,
    };
    this.server = options.server.replace(/\/+$/, '');
    this.socket = io(this.server, {
      autoConnect: false,
      transports: ['websocket'],
      auth: { token: options.token, features: { deflate: this.options.compact, batchReplay: this.options.compact } },
      reconnectionDelay: this.options.reconnectDelayMs,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs,
      ...(options.ca ? { ca: options.ca.toString() } : {}),
    }) as ClientSocket;
    this.heartbeat = new Heartbeat(this.socket, {
      intervalMs: this.options.heartbeatMs,
      timeoutMs: this.options.heartbeatTimeoutMs,
      onAnswer: (rttMs, serverTime) => {
        this.clock.sample(serverTime, Date.now(), rttMs / 2);
        this.answered({ rttMs });
      },
      onDead: (reason) => !this.closed && this.reconnectNow(reason),
    });
    // The server's liveness beat (an engine.io noop every 4 s from rtc serve, not answered) and
    // engine.io's pings are the server speaking: while they come, the heartbeat need not ask.
    this.socket.io.on('ping', () => this.heartbeat.heard());
    this.socket.io.on('open', () =>
      this.socket.io.engine.on('packet', (packet: { type: string }) => packet.type === 'noop' && this.heartbeat.heard()),
    );
    this.wire();
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** When the server last sent anything on the socket (an event, a head, an answer, the liveness beat, engine.io's ping): ms since the epoch, our clock; undefined before it ever did. */
  get lastServerContactAt(): number | undefined {
    return this.heartbeat.lastHeard || undefined;
  }

  /** Silence the heartbeat allows before it calls the link dead (ms): past it, a screen is stale. */
  get silenceAllowedMs(): number {
    return this.options.heartbeatMs + this.options.heartbeatTimeoutMs;
  }

  /** The server answered (or sent something) on the current socket: it is connected in earnest. */
  private answered(patch: Partial<ConnectionState> = {}): void {
    this.heartbeat.heard();
    if (this.awaitingAnswer && this.socket.connected) {
      this.awaitingAnswer = false;
      this.setState({ status: 'connected', reason: undefined, attempt: 0, ...patch });
    } else if (patch.rttMs !== undefined) {
      this.setState(patch);
    }
  }

  /**
   * The server said this session's token ran out, or its key was revoked: the coming disconnect is
   * final, not a reason to reconnect. `message` is the server's own words, which say what to do next
   * (log in again, or get a new API key).
   */
  expireSession(message?: string): void {
    this.sessionExpired = true;
    this.sessionEndMessage = message;
  }

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.connectionState, ...patch };
    if (patch.status && patch.status !== this.connectionState.status) next.since = Date.now();
    this.connectionState = next;
    this.emit('state', next);
  }

  private wire(): void {
    const socket = this.socket;
    // engine.io's pings are not counted: they say the transport is up, not that rtc answers (see Heartbeat).
    socket.onAny(() => this.answered());
    socket.on('connect', () => {
      // Connected once the server answers on this socket (the heartbeat asks at once), not on the
      // handshake alone: a partitioned or frozen server completes handshakes and answers nothing.
      this.awaitingAnswer = true;
      this.untrusted = undefined;
      this.heartbeat.start();
      this.emit('connect');
    });
    socket.on('disconnect', (reason) => {
      this.awaitingAnswer = false;
      this.heartbeat.stop();
      if (this.closed) return this.setState({ status: 'disconnected', reason: 'closed' });
      if (this.signedOut) return;
      if (this.sessionExpired && this.onSessionEnd) {
        this.sessionExpired = false;
        this.setState({ status: 'reconnecting', reason: 'renewing the session', attempt: 1 });
        return this.onSessionEnd('session expired');
      }
      if (this.sessionExpired) return this.setState({ status: 'error', reason: this.sessionEndMessage ?? 'session expired: run rtc login' });
      if (reason === 'io server disconnect') {
        // The server closed this socket on purpose; try again, it may be a restart or a healed partition.
        this.setState({ status: 'reconnecting', reason: 'server closed the connection', attempt: 1 });
        this.reconnectSoon();
        return;
      }
      this.setState({ status: 'reconnecting', reason: describeDisconnect(reason), attempt: 1 });
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      if (error.data?.code === 'UNAUTHENTICATED') {
        const reason = `${error.data.message ?? 'authentication failed'}`;
        if (this.onSessionEnd && !this.signedOut) {
          this.setState({ status: 'reconnecting', reason: 'renewing the session' });
          return this.onSessionEnd(reason);
        }
        this.setState({ status: 'error', reason });
        this.emit('notice', new RtcError('UNAUTHENTICATED', reason));
        return;
      }
      // engine.io says only "websocket error"; the TLS verdict, if that is what failed, is in description.error.
      const cause = (error as { description?: { error?: NodeJS.ErrnoException } }).description?.error;
      this.untrusted = untrustedServer(this.server, cause);
      this.setState({
        status: this.connectionState.status === 'connecting' ? 'connecting' : 'reconnecting',
        reason: untrustedServer(this.server, cause)?.message ?? `cannot reach ${redactedText(this.server)} (${error.message})`,
      });
    });
    socket.io.on('reconnect_attempt', (attempt) => this.setState({ status: 'reconnecting', attempt }));
  }

  /**
   * Connects; resolves once connected. Rejects with UNAUTHENTICATED on a refused token, and with
   * UNREACHABLE when not connected within `timeoutMs` (ms).
   */
  connect(timeoutMs = 10_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    this.setState({ status: 'connecting' });
    this.socket.connect();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.off('state', onState);
      };
      const onState = (state: ConnectionState) => {
        if (state.status === 'connected') (done(), resolve());
        else if (state.status === 'error') (done(), reject(signedOutError(state.reason)));
        // A certificate this client does not trust will not be trusted on the next try either: say so now.
        else if (this.untrusted) (done(), reject(this.untrusted));
      };
      const timer = setTimeout(() => {
        done();
        reject(new RtcError('UNREACHABLE', `${this.connectionState.reason ?? `cannot reach ${redactedText(this.server)}`}: is rtc serve running?`));
      }, timeoutMs);
      this.on('state', onState);
    });
  }

  /** Starts connecting without waiting: for a UI that shows the connection state as it goes. */
  start(): void {
    if (this.socket.connected || this.socket.active) return;
    this.setState({ status: 'connecting' });
    this.socket.connect();
  }

  /** The access token this link uses now (the last one set). */
  get token(): string {
    return (this.socket.auth as { token: string }).token;
  }

  /** The token the next handshake sends (a reconnect, or `resume`); an open socket keeps its own until told with `session_refresh`. */
  setToken(token: string): void {
    (this.socket.auth as { token: string }).token = token;
  }

  /** Connects again with a new token after a session ended or a login was signed out (no-op once closed). */
  resume(token: string): void {
    this.setToken(token);
    this.signedOut = false;
    this.sessionExpired = false;
    this.sessionEndMessage = undefined;
    if (this.closed || this.socket.connected) return;
    this.setState({ status: 'reconnecting', reason: 'signing in again', attempt: 1 });
    this.socket.connect();
  }

  /** The session is over for good until `resume`: drops the link and stays in `error` with `reason` (e.g. "signed out: run rtc login"). */
  signOut(reason: string): void {
    this.signedOut = true;
    clearTimeout(this.reconnectTimer);
    this.heartbeat.stop();
    this.socket.disconnect();
    this.setState({ status: 'error', reason });
  }

  /** Disconnects for good: no reconnection, no heartbeat; the state ends `disconnected: closed`. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.heartbeat.stop();
    this.socket.disconnect();
    this.setState({ status: 'disconnected', reason: 'closed' });
  }

  /** Drops the link and lets reconnection bring it back: what a dead heartbeat does. */
  reconnectNow(reason: string): void {
    this.heartbeat.stop();
    this.socket.disconnect();
    this.setState({ status: 'reconnecting', reason, attempt: 1 });
    this.reconnectSoon();
  }

  /**
   * Connects again after the delay. The timer keeps the process alive on purpose: while it waits
   * there is no socket, and a watcher with nothing else to do (`rtc watch --json`) would just exit.
   */
  private reconnectSoon(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, this.options.reconnectDelayMs);
  }

  /**
   * Sends one request and unwraps its acknowledgement (inflating a compressed one). Throws the
   * server's RtcError on a refusal, and UNREACHABLE when offline or unanswered within requestTimeoutMs.
   */
  async request<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AnswerOf<E>> {
    if (!this.socket.connected) {
      throw new RtcError('UNREACHABLE', `offline (${this.connectionState.reason ?? this.connectionState.status}): try again once connected`);
    }
    let answer: unknown;
    const sentAt = Date.now();
    try {
      answer = await (this.socket.timeout(this.options.requestTimeoutMs) as any).emitWithAck(event, payload);
    } catch {
      throw new RtcError('UNREACHABLE', `no answer to ${event} within ${this.options.requestTimeoutMs / 1000} s`);
    }
    const receivedAt = Date.now();
    this.answered();
    const result = inflatePayload(answer as { ok: boolean; error?: unknown } | Deflated) as { ok: boolean; error?: unknown; serverTime?: unknown };
    // Join acks carry the server's clock: half the round trip is the best guess of how old it is.
    this.clock.sample(result.serverTime, receivedAt, (receivedAt - sentAt) / 2);
    if (!result.ok) throw RtcError.from(result.error);
    return result as AnswerOf<E>;
  }
}

/** UNAUTHENTICATED for a link that ended in `error`, its reason with the next step said once. */
export function signedOutError(reason: string | undefined): RtcError {
  const why = reason ?? 'refused';
  return why.includes('rtc login') ? new RtcError('UNAUTHENTICATED', why) : RtcError.unauthenticated(why);
}

/** socket.io-client's disconnect reasons, in words a user can act on. */
function describeDisconnect(reason: string): string {
  switch (reason) {
    case 'transport close':
      return 'connection lost (server stopped or network down)';
    case 'ping timeout':
      return 'server stopped answering';
    case 'transport error':
      return 'connection error';
    default:
      return reason;
  }
}
