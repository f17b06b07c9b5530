import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { toRtcError } from '../../protocol/errors.js';
import { userRoom } from '../../protocol/rooms.js';
import type { Principal } from '../auth/principal.js';
import { TokenBucket, type RateSpec } from '../limits/token-bucket.js';
import type { ConnectionGuard } from '../http/connection-guard.js';
import type { CorsPolicy } from '../http/cors.js';
import { capSendBuffer } from '../limits/send-cap.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { SessionSockets } from './session-sockets.js';
import { LIVENESS_BEAT_MS, LivenessBeat, type BeatConnection } from './liveness-beat.js';
import { createHandlers, type HandlerDeps } from './socket-handlers.js';
import type { RtcServer } from './types.js';

export interface SocketServerOptions {
  rateLimit: RateSpec;
  /** Largest frame engine.io accepts before it closes the connection; requests are checked against a smaller limit. */
  maxFrameBytes: number;
  /** Origin policy shared with the HTTP API. */
  cors?: CorsPolicy | undefined;
  /** Told when a handshake shows a valid token. */
  connections?: ConnectionGuard | undefined;
  /** Send buffer past which a socket is disconnected (see capSendBuffer). */
  maxBufferedBytes?: number | undefined;
}

/** Engine.io takes over its path on the HTTP server; everything else still reaches the HTTP API. */
export function createSocketServer(
  http: HttpServer,
  verify: (token: unknown) => Promise<Principal>,
  deps: Omit<HandlerDeps, 'log' | 'metrics'> & { log: Logger; metrics: Metrics; sessions: () => SessionSockets },
  options: SocketServerOptions,
): RtcServer {
  const io: RtcServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: options.maxFrameBytes,
    ...(options.cors?.socketCors ? { cors: options.cors.socketCors } : {}),
    // Same policy as HTTP: a browser page from another origin is refused unless --cors-origin lets it in.
    allowRequest: (request, answer) => {
      const allowed = options.cors?.allows(request) ?? true;
      answer(allowed ? null : 'origin not allowed: see --cors-origin', allowed);
    },
    // An idle watcher hears the server through the liveness beat (liveness-beat.ts: 3 bytes every 4 s,
    // not answered). engine.io's ping, which is answered, stays at its defaults (25 s + 20 s): it only
    // ends the sockets of clients that went away without a word.
    pingInterval: 25_000,
    pingTimeout: 20_000,
    // No `connectionStateRecovery`: Socket.IO keeps the packets a socket missed in one node's memory
    // for a short window, so they are lost on a restart, on another node, or after the window. rtc's
    // clients re-join with `since` instead and catch-up replays from the durable event log, which
    // works across restarts and nodes (see catch-up.ts).
  });

  io.use(async (socket, next) => {
    try {
      const verified = await verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
      const features = (socket.handshake.auth as { features?: { deflate?: unknown; batchReplay?: unknown } }).features ?? {};
      socket.data = {
        user: verified.user,
        tokenExpiresAt: verified.expiresAt,
        features: { deflate: features.deflate === true, batchReplay: features.batchReplay === true },
        bucket: new TokenBucket(options.rateLimit.burst, options.rateLimit.perSecond),
        principal: verified,
      };
      options.connections?.authenticated(socket.request.socket);
      next();
    } catch (error) {
      const { message, hint } = toRtcError(error, { code: 'UNAUTHENTICATED', message: 'invalid token', hint: 'run rtc login' });
      const refusal = new Error('Authentication failed') as Error & { data: unknown };
      // The contract's refusal is always UNAUTHENTICATED, whatever the verification threw.
      refusal.data = { code: 'UNAUTHENTICATED', message, ...(hint ? { hint } : {}) };
      next(refusal);
    }
  });

  const registerHandlers = createHandlers(deps);
  const beat = new LivenessBeat(LIVENESS_BEAT_MS);
  io.on('connection', (socket) => {
    const { user } = socket.data;
    deps.metrics.socketConnections.inc();
    socket.join(userRoom(user.id));
    deps.sessions().add(socket);
    // sendPacket is private in engine.io's types; it is what engine.io sends its own pings with.
    const connection = socket.conn as unknown as BeatConnection;
    beat.add(connection);
    socket.on('disconnect', (reason) => {
      beat.remove(connection);
      deps.sessions().remove(socket);
      deps.metrics.socketConnections.dec();
      deps.log.debug({ socket: socket.id, user: user.id, reason }, 'socket disconnected');
    });
    registerHandlers(socket);
    if (options.maxBufferedBytes) capSendBuffer(socket, options.maxBufferedBytes, deps.log);
    deps.log.debug({ socket: socket.id, user: user.id }, 'socket connected');
  });

  return io;
}
