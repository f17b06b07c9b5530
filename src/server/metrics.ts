import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per server, so that several servers in one process (tests, the drill) never share counters.
 * `sqliteWalBytes` reports the size of an SQLite store's WAL file (bytes); absent for other stores.
 */
export function createMetrics(countOrdersByStatus?: () => Promise<Record<string, number>>, sqliteWalBytes?: () => number) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'rtc_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'rtc_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    eventsAppended: new Counter({
      name: 'rtc_events_appended_total',
      help: 'Events appended to the store',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    ordersByStatus: new Gauge({
      name: 'rtc_orders',
      help: 'Orders by status',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        if (!countOrdersByStatus) return;
        const counts = await countOrdersByStatus();
        this.reset();
        for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
      },
    }),
    sqliteWalBytes: new Gauge({
      name: 'rtc_sqlite_wal_bytes',
      help: 'Size of the SQLite write-ahead log file in bytes (truncated when the store is idle)',
      registers: sqliteWalBytes ? [registry] : [],
      collect() {
        if (sqliteWalBytes) this.set(sqliteWalBytes());
      },
    }),
    socketConnections: new Gauge({
      name: 'rtc_socket_connections',
      help: 'Connected Socket.IO clients',
      registers: [registry],
    }),
    socketEventsSent: new Counter({
      name: 'rtc_socket_events_sent_total',
      help: 'Business events emitted to rooms (one per room emit)',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'rtc_rate_limited_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    laggingSockets: new Gauge({
      name: 'rtc_lagging_sockets',
      help: 'Sockets held back because their send buffer is over the high-water mark',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
