import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService } from './auth/auth-service.js';
import { loadJwtSecret } from './auth/jwt-secret.js';
import { TokenService } from './auth/tokens.js';
import { seedDemo } from './demo-seed.js';
import { createRouter } from './http/router.js';
import { apiRoutes, type Route } from './http/routes.js';
import { LoginLimiter } from './limits/login-limiter.js';
import type { RateSpec } from './limits/token-bucket.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { OrderService } from './order-service.js';
import { Backpressure } from './realtime/backpressure.js';
import { Broadcaster } from './realtime/broadcaster.js';
import { CatchUp } from './realtime/catch-up.js';
import { createSocketServer } from './realtime/socket-server.js';
import { StreamHeads } from './realtime/stream-head.js';
import { SystemStatsPublisher } from './realtime/system-stats.js';
import type { RtcServer, RtcSocket } from './realtime/types.js';
import { toMessage } from './realtime/wire.js';
import { Simulator } from './simulator.js';
import { SqliteStore } from './store/sqlite-store.js';
import type { Store } from './store/store.js';

export interface ServerOptions {
  port: number;
  host: string;
  /** SQLite file, or ':memory:'. */
  db: string;
  demo: boolean;
  /** Orders per minute for the demo simulator; undefined for none. */
  simulate?: number | undefined;
  tokenTtlSeconds: number;
  rateLimit: RateSpec;
  batchMs: number;
  highWaterBytes: number;
  lowWaterBytes: number;
  streamHeadMs: number;
  logLevel: string;
  logger?: Logger | undefined;
  /** A store made by the caller (tests, other engines); overrides `db`. */
  store?: Store | undefined;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 4000,
  host: '127.0.0.1',
  db: ':memory:',
  demo: false,
  tokenTtlSeconds: 12 * 3600,
  rateLimit: { burst: 30, perSecond: 10 },
  batchMs: 10,
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 256 * 1024,
  streamHeadMs: 3000,
  logLevel: 'info',
};

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  io: RtcServer;
  http: HttpServer;
  orders: OrderService;
  auth: AuthService;
  broadcaster: Broadcaster;
  backpressure: Backpressure;
  stats: SystemStatsPublisher;
  metrics: Metrics;
  log: Logger;
  /** Stops accepting, lets in-flight requests finish, sends what is pending, closes the store. */
  close(): Promise<void>;
  /** Mounts more HTTP routes (chaos) and a gate on socket requests; used by optional modules. */
  extend(extension: { routes?: Route[]; accepts?: (socket: RtcSocket) => boolean }): void;
}

export async function startServer(partial: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...partial };
  const log = options.logger ?? createLogger(options.logLevel);
  const store = options.store ?? SqliteStore.open(options.db);
  const metrics = createMetrics();

  if (options.demo) await seedDemo(store);

  const tokens = new TokenService(loadJwtSecret(options.db), options.tokenTtlSeconds);
  const auth = new AuthService(store, tokens, new LoginLimiter());
  const orders = new OrderService(store, metrics);

  const gates: ((socket: RtcSocket) => boolean)[] = [];
  const router = createRouter(
    apiRoutes({ auth, orders, metrics }),
    async (header) => (await auth.verifyBearer(header)).user,
    metrics,
    log,
  );
  const http = createHttpServer({ keepAliveTimeout: 5000 }, (request, response) => void router.handle(request, response));

  const io = createSocketServer(
    http,
    tokens,
    {
      store,
      orders,
      log,
      metrics,
      get catchUp() {
        return catchUp;
      },
      accepts: (socket) => gates.every((gate) => gate(socket)),
    },
    { rateLimit: options.rateLimit, maxFrameBytes: 1024 * 1024 },
  );
  const broadcaster = new Broadcaster(io, { batchMs: options.batchMs, maxBatch: 500 }, metrics);
  const catchUp = new CatchUp(store, broadcaster, { highWaterBytes: options.highWaterBytes });
  const backpressure = new Backpressure(
    io,
    catchUp,
    { highWaterBytes: options.highWaterBytes, lowWaterBytes: options.lowWaterBytes, intervalMs: 50, activity: () => broadcaster.sent },
    log,
    metrics,
  );
  const streamHeads = new StreamHeads(io, store, broadcaster, options.streamHeadMs);
  const stats = new SystemStatsPublisher(io, store, () => backpressure.lagging);

  orders.onAppended(({ order, event }) => {
    stats.countAppended();
    broadcaster.publish(toMessage(event, false, event.type === 'OrderCreated' ? order : undefined), order);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  }).catch(async (error: NodeJS.ErrnoException) => {
    await store.close();
    throw error;
  });

  backpressure.start();
  streamHeads.start();
  stats.start();
  const simulator = options.simulate ? new Simulator(orders, store, log, options.simulate) : undefined;
  simulator?.start();

  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, db: options.db, epoch: store.epoch }, 'rtc server listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      simulator?.stop();
      backpressure.stop();
      streamHeads.stop();
      stats.stop();
      broadcaster.flushAll();
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await io.close();
      await Promise.race([httpClosed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      http.closeAllConnections();
      await store.close();
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
    broadcaster,
    backpressure,
    stats,
    metrics,
    log,
    close,
    extend({ routes: more = [], accepts }) {
      more.forEach(router.add);
      if (accepts) gates.push(accepts);
    },
  };
}
