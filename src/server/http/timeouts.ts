import type { ServerOptions as HttpServerOptions } from 'node:http';

/**
 * The HTTP server's clocks: a whole request (headers and body) within `requestTimeoutMs`, its headers
 * within `headersTimeoutMs`, an idle keep-alive connection closed after 5 s. Node checks the first
 * two on a timer; it runs often enough here that a slow client is cut within a second of its bound.
 */
export function httpTimeouts(options: { requestTimeoutMs: number; headersTimeoutMs: number }): HttpServerOptions {
  const headersTimeout = Math.min(options.headersTimeoutMs, options.requestTimeoutMs);
  return {
    requestTimeout: options.requestTimeoutMs,
    headersTimeout,
    keepAliveTimeout: 5000,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
}
