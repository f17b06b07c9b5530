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
    // engine.io's ping is how an idle watcher hears the server: 3 bytes every 4 s, where the client's
    // own heartbeat request and its answer cost ~70 bytes and a Socket.IO event each way (stream heads
    // come only every 30 s now). Faster than the client's 5 s heartbeat, so an idle link never needs
    // the heartbeat to ask. A client gets 10 s to answer a ping (a kitchen's Wi-Fi may be slow);
    // the client finds a silent server sooner by its own heartbeat (9 s).
    pingInterval: 4_000,
    pingTimeout: 10_000,
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
        holds: new Set(),
        resumeFrom: new Map(),
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
  io.on('connection', (socket) => {
    const { user } = socket.data;
    deps.metrics.socketConnections.inc();
    socket.join(userRoom(user.id));
    deps.sessions().add(socket);
    socket.on('disconnect', (reason) => {
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
