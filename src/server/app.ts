import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AccountService } from './auth/account-service.js';
import { ApiKeys } from './auth/api-keys.js';
import { DEFAULT_RECALL_WINDOW_MS } from '../domain/recall.js';
import { AuthService } from './auth/auth-service.js';
import { ensureFirstSuperadmin, firstSuperadminPlan, type FirstSuperadmin, type FirstSuperadminPlan } from './auth/first-start.js';
import type { SessionEnd } from './auth/principal.js';
import { SessionGuard } from './auth/session-guard.js';
import { Sessions } from './auth/sessions.js';
import { jwtSecretFromEnv, loadJwtSecret } from './auth/jwt-secret.js';
import { TokenService } from './auth/tokens.js';
import { ChaosModule } from './chaos/chaos-module.js';
import { chaosRoutes } from './chaos/chaos-routes.js';
import { ClusterStats } from './cluster/cluster-stats.js';
import { joinCluster, type ClusterLink } from './cluster/redis-adapter.js';
import { requireSharedJwtSecret } from './cluster/shared-secret.js';
import { checkDbLocation } from './db-location.js';
import { seedDemo } from './demo-seed.js';
import { clientAddressOf, trustedProxy } from './http/client-address.js';
import { SnapshotGate } from './limits/snapshot-gate.js';
import { createRouter } from './http/router.js';
import { accountRoutes } from './http/account-routes.js';
import { authRoutes } from './http/auth-routes.js';
import { apiRoutes } from './http/routes.js';
import { ConnectionGuard } from './http/connection-guard.js';
import { CorsPolicy } from './http/cors.js';
import { httpTimeouts } from './http/timeouts.js';
import { LimiterStore } from './limits/limiter-store.js';
import { LoginLimiter } from './limits/login-limiter.js';
import { DEFAULT_USER_RATE_LIMIT, RequestLimits } from './limits/request-limits.js';
import type { RateSpec } from './limits/token-bucket.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { OpenOrders } from './open-orders.js';
import { DEFAULT_CUSTOMER_OPEN_ORDERS, OrderService } from './order-service.js';
import { Backpressure } from './realtime/backpressure.js';
import { Broadcaster } from './realtime/broadcaster.js';
import { CatchUp } from './realtime/catch-up.js';
import { SessionSockets } from './realtime/session-sockets.js';
import { createSocketServer } from './realtime/socket-server.js';
import { StreamHeads } from './realtime/stream-head.js';
import { NODE_NAME, SystemStatsPublisher } from './realtime/system-stats.js';
import type { RtcServer } from './realtime/types.js';
import { toMessage } from './realtime/wire.js';
import { Simulator } from './simulator.js';
import { redactedUrl } from '../protocol/redacted-url.js';
import { isPostgresUrl, openStore } from './store/open-store.js';
import { exposedStoreFiles, exposedStoreWarning } from './store/private-files.js';
import { ServeLock } from './store/serve-lock.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/store.js';
import type { TlsFiles } from './tls/read-tls-files.js';

export interface ServerOptions {
  port: number;
  host: string;
  /** SQLite file, or ':memory:'. */
  db: string;
  /** SQLite's durability: 'normal' survives kill -9, 'full' a power cut too (one fsync per group commit). */
  sync?: 'normal' | 'full' | undefined;
  demo: boolean;
  /** Orders per minute for the demo simulator; undefined for none. */
  simulate?: number | undefined;
  /** Lifetime of access tokens, seconds. */
  tokenTtlSeconds: number;
  /** Lifetime of refresh tokens (how long a login lasts unused), seconds. */
  refreshTtlSeconds: number;
  /** How often each node re-reads session generations and revoked logins from the store, ms. */
  sessionReloadMs: number;
  rateLimit: RateSpec;
  batchMs: number;
  highWaterBytes: number;
  lowWaterBytes: number;
  /** The longest a watched restaurant room goes without a stream_head while quiet (ms). */
  streamHeadMs: number;
  /** How long after the last event of a burst its stream_head goes out (ms). */
  streamHeadSettleMs: number;
  /** How long after a status change it may be recalled (ms). */
  recallWindowMs: number;
  logLevel: string;
  logger?: Logger | undefined;
  /** A store made by the caller (tests, other engines); overrides `db`. */
  store?: Store | undefined;
  /** A postgres:// URL of the store several nodes share; overrides `db`. Needs RTC_JWT_SECRET. */
  storeUrl?: string | undefined;
  /** redis:// URL: room broadcasts go to every node through Socket.IO's Redis adapter. */
  redisUrl?: string | undefined;
  /** Certificate and key (PEM): serve HTTPS and WSS instead of HTTP and WS. */
  tls?: TlsFiles | undefined;
  /** Per user over all sockets and HTTP calls (and per address without a token); cluster-wide with redisUrl. */
  userRateLimit: RateSpec;
  /** Origins allowed besides the server's own (`['*']`: any); empty: same origin only. */
  corsOrigins: string[];
  /**
   * Proxies trusted to name the client in X-Forwarded-For (addresses, CIDR ranges, `loopback`...);
   * empty: the TCP peer is the client, and the header is ignored.
   */
  trustProxy: string[];
  /** Time a client has to send a whole request, headers and body (ms). */
  requestTimeoutMs: number;
  /** Time a client has to send a request's headers (ms). */
  headersTimeoutMs: number;
  /** Open connections that have not shown a valid token; new ones past it are closed at once. */
  maxPending: number;
  /** Open orders one customer may have at once, over every restaurant. */
  customerOpenOrders: number;
  /** Send buffer (bytes) past which a socket that does not read is disconnected; acks count too. */
  maxBufferedBytes: number;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 4000,
  host: '127.0.0.1',
  db: ':memory:',
  demo: false,
  tokenTtlSeconds: 15 * 60,
  refreshTtlSeconds: 30 * 86400,
  sessionReloadMs: 2000,
  rateLimit: { burst: 30, perSecond: 10 },
  batchMs: 10,
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  // The contract: a head within 1 s after the last event of a burst, and at least every 30 s while
  // quiet. A client that lost the last events of a burst learns it from the head that follows it.
  streamHeadMs: 30_000,
  streamHeadSettleMs: 250,
  recallWindowMs: DEFAULT_RECALL_WINDOW_MS,
  logLevel: 'info',
  userRateLimit: DEFAULT_USER_RATE_LIMIT,
  corsOrigins: [],
  trustProxy: [],
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  maxPending: 1000,
  maxBufferedBytes: 8 * 1024 * 1024,
  customerOpenOrders: DEFAULT_CUSTOMER_OPEN_ORDERS,
};

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  io: RtcServer;
  http: HttpServer;
  orders: OrderService;
  auth: AuthService;
  accounts: AccountService;
  /** The superadmin made at this start on a store without users (its password only when generated): for the caller to show once. */
  firstSuperadmin: FirstSuperadmin | undefined;
  broadcaster: Broadcaster;
  backpressure: Backpressure;
  stats: SystemStatsPublisher;
  metrics: Metrics;
  log: Logger;
  /** Fault injection (rtc chaos): idle, and off the send path, until a superadmin injects a fault. */
  chaos: ChaosModule;
  /** Stops accepting, lets in-flight requests finish, sends what is pending, closes the store. */
  close(): Promise<void>;
}

export async function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...partial };
  const log = options.logger ?? createLogger(options.logLevel);
  if (options.store?.kind === 'postgres' || (options.storeUrl && isPostgresUrl(options.storeUrl))) requireSharedJwtSecret();
  // A short RTC_JWT_SECRET is refused before anything is joined or opened.
  jwtSecretFromEnv();
  const cluster: ClusterLink | undefined = options.redisUrl ? await joinCluster(options.redisUrl, log) : undefined;
  let store: Store;
  let serveLock: ServeLock | undefined;
  try {
    if (!options.store && !options.storeUrl) checkDbLocation(options.db);
    // One server per SQLite file, taken before the file is touched: a second one refuses to start.
    if (!options.store && !options.storeUrl && options.db !== ':memory:') serveLock = ServeLock.acquire(options.db);
    store = options.store ?? (await openStore(options.storeUrl ?? options.db, { log, sync: options.sync }));
  } catch (error) {
    serveLock?.release();
    await cluster?.close();
    throw error;
  }
  const storeName = options.storeUrl ? redactedUrl(options.storeUrl) : options.db;
  const exposed = options.store || options.storeUrl ? [] : exposedStoreFiles(options.db);
  if (exposed.length > 0) log.warn({ files: exposed.map(({ file }) => file) }, exposedStoreWarning(exposed));
  const sqliteStore = store instanceof SqliteStore ? store : undefined;
  const metrics = createMetrics(() => store.countOrdersByStatus(), sqliteStore && (() => sqliteStore.walBytes()));

  // Before any account is made: a refused secret must not leave a first superadmin whose password nobody saw.
  let secret: Uint8Array;
  try {
    secret = loadJwtSecret(options.db);
  } catch (error) {
    // A refused secret file ends the start: nothing opened may keep the process alive.
    if (!options.store) await store.close();
    await cluster?.close();
    throw error;
  }

  // The first superadmin is made only once the server listens (below): its password is printed
  // then, and a start that fails before (a busy port) must not leave a user whose password nobody saw.
  let firstPlan: FirstSuperadminPlan | undefined;
  let guard: SessionGuard;
  try {
    if (options.demo) await seedDemo(store);
    else if ((await store.countUsers()) === 0) firstPlan = firstSuperadminPlan();
    guard = new SessionGuard(store, { reloadMs: options.sessionReloadMs, revokedWindowMs: options.tokenTtlSeconds * 1000 + 60_000 }, log);
    await guard.start();
  } catch (error) {
    await cluster?.close();
    await store.close();
    throw error;
  }

  // A session that ends on this node is told to the others (through Redis when clustered) and to this node's sockets.
  const announce = (end: SessionEnd): void => {
    guard.ended(end);
    if (cluster) io.serverSideEmit('rtc_session_end', end);
  };
  const tokens = new TokenService(secret, options.tokenTtlSeconds);
  const limiterStore = new LimiterStore(cluster?.client);
  const accounts = new AccountService(store, announce);
  const keys = new ApiKeys(store, announce);
  const sessions = new Sessions(store, tokens, options.refreshTtlSeconds, announce, log);
  const auth = new AuthService(store, tokens, new LoginLimiter(limiterStore), sessions, guard, keys, accounts);
  const limits = new RequestLimits(limiterStore, options.userRateLimit);
  const cors = new CorsPolicy(options.corsOrigins);
  const orders = new OrderService(store, metrics, {
    recallWindowMs: options.recallWindowMs,
    open: await OpenOrders.load(store),
    customerOpenOrders: options.customerOpenOrders,
  });

  const router = createRouter(
    [...apiRoutes({ orders, metrics }), ...authRoutes(auth), ...accountRoutes(accounts, keys)],
    (header) => auth.verifyBearer(header),
    metrics,
    log,
    {
      limits,
      cors,
      addressOf: clientAddressOf(options.trustProxy),
      authenticated: (socket) => connections.authenticated(socket),
    },
  );
  const handle = (request: Parameters<typeof router.handle>[0], response: Parameters<typeof router.handle>[1]) => void router.handle(request, response);
  // An https.Server is an http.Server as far as Socket.IO and the router go.
  const timeouts = httpTimeouts(options);
  const http: HttpServer = options.tls
    ? (createHttpsServer({ ...options.tls, ...timeouts }, handle) as unknown as HttpServer)
    : createHttpServer(timeouts, handle);
  const connections = new ConnectionGuard(
    http,
    {
      maxPending: options.maxPending,
      silentMs: Math.min(options.headersTimeoutMs, options.requestTimeoutMs),
      isTrustedProxy: trustedProxy(options.trustProxy),
      event: options.tls ? 'secureConnection' : 'connection',
    },
    log,
  );

  let sessionSockets: SessionSockets;
  const io = createSocketServer(
    http,
    (token) => auth.verify(token),
    {
      sessions: () => sessionSockets,
      refreshSession: (socket, token) => sessionSockets.refresh(socket, token),
      orders,
      log,
      metrics,
      get catchUp() {
        return catchUp;
      },
      adminStats: () => stats.current(),
      // A chaos partition makes the server ignore some requests; the module is made below, once the broadcaster is.
      accepts: (socket, event, payload) => chaos.accepts(socket, event, payload),
      limits,
      // Four: a kitchen whose screens share one login re-joins after a restart a few at a time.
      snapshots: new SnapshotGate({ perUser: 4, busyBytes: options.highWaterBytes }),
    },
    { rateLimit: options.rateLimit, maxFrameBytes: 1024 * 1024, cors, connections, maxBufferedBytes: options.maxBufferedBytes },
  );
  if (cluster) io.adapter(cluster.adapter);
  sessionSockets = new SessionSockets(io, {
    verify: (token) => auth.verify(token),
    problemNow: (principal) => guard.problemNow(principal),
    keyGood: (keyId) => keys.stillGood(keyId),
    log,
  });
  guard.onEnded((end) => {
    if (end.kind === 'key') keys.forget(end.keyId);
    sessionSockets.end(end);
  });
  guard.onReloaded(() => void sessionSockets.sweep());
  io.on('rtc_session_end', (end) => guard.ended(end));
  const broadcaster = new Broadcaster(io, { batchMs: options.batchMs, maxBatch: 500, roomsAreLocal: !cluster }, metrics);
  const catchUp = new CatchUp(store, broadcaster, { highWaterBytes: options.highWaterBytes });
  const backpressure = new Backpressure(
    io,
    catchUp,
    {
      highWaterBytes: options.highWaterBytes,
      lowWaterBytes: options.lowWaterBytes,
      intervalMs: 50,
      drainTouchedRooms: () => broadcaster.drainTouchedRooms(),
    },
    log,
    metrics,
  );
  const streamHeads = new StreamHeads(io, store, broadcaster, {
    quietMs: options.streamHeadMs,
    settleMs: options.streamHeadSettleMs,
    roomsAreLocal: !cluster,
  });
  const stats = new SystemStatsPublisher(io, store, () => backpressure.lagging, 1000, cluster ? new ClusterStats(io, NODE_NAME) : undefined);
  const chaos = new ChaosModule({ io, broadcaster, store, log });
  chaosRoutes(chaos).forEach(router.add);

  orders.onAppended(({ order, event }) => {
    stats.countAppended();
    broadcaster.publish(toMessage(event, false, event.type === 'OrderStatusChanged' ? undefined : order), order);
    streamHeads.eventSent(event.restaurantId);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    guard.stop();
    await io.close();
    await cluster?.close();
    await store.close();
    serveLock?.release();
    throw error;
  });

  let firstSuperadmin: FirstSuperadmin | undefined;
  try {
    if (firstPlan) firstSuperadmin = await ensureFirstSuperadmin(store, firstPlan);
  } catch (error) {
    guard.stop();
    sessionSockets.stop();
    await io.close();
    await cluster?.close();
    await store.close();
    serveLock?.release();
    throw error;
  }

  backpressure.start();
  streamHeads.start();
  stats.start();
  const simulator = options.simulate ? new Simulator(orders, store, log, options.simulate) : undefined;
  simulator?.start();

  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${address.port}`;
  serveLock?.announce(url);
  log.info({ url, store: storeName, redis: options.redisUrl && redactedUrl(options.redisUrl), epoch: store.epoch }, 'rtc server listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      simulator?.stop();
      guard.stop();
      sessionSockets.stop();
      backpressure.stop();
      streamHeads.stop();
      stats.stop();
      chaos.stop();
      broadcaster.flushAll();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      cutLongPolls(io);
      // Bounded: with Redis away, the adapter's unsubscribe would wait for a reconnection that may never come.
      await withinMs(io.close(), 3000);
      await withinMs(httpClosed, 5000);
      http.closeAllConnections();
      await cluster?.close();
      await store.close();
      serveLock?.release();
      log.info('rtc server stopped');
      log.flush?.();
    })());

  return {
    url,
    port: address.port,
    store,
    io,
    http,
    orders,
    auth,
    accounts,
    firstSuperadmin,
    broadcaster,
    backpressure,
    stats,
    metrics,
    log,
    chaos,
    close,
  };
}

/**
 * Ends every long-polling client's pending request by cutting its connection, as a crash or a restart
 * would, instead of letting Engine.IO answer it with its close packet: python-socketio and others take
 * that packet as "go away for good" and never reconnect, while a cut connection makes every client,
 * whatever its transport, reconnect with backoff (websocket clients see a plain close either way).
 * Marked discarded so that Engine.IO closes it at once instead of waiting 30 s for a next poll.
 */
function cutLongPolls(io: RtcServer): void {
  type PollingTransport = { name: string; discarded?: boolean; req?: { socket?: { destroy(): void } } | null };
  const clients = (io.engine as unknown as { clients: Record<string, { transport: PollingTransport }> }).clients;
  for (const client of Object.values(clients)) {
    const transport = client.transport;
    if (transport.name !== 'polling') continue;
    transport.discarded = true;
    transport.req?.socket?.destroy();
  }
}

/** Waits for the work, or for the time to run out, whichever comes first; shutdown must not hang. */
function withinMs(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}
