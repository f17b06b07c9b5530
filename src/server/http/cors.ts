import type { IncomingMessage, ServerResponse } from 'node:http';
import { RtcError } from '../../protocol/errors.js';
import { sendError } from './respond.js';

/**
 * One origin policy for the HTTP API and Socket.IO. Without `--cors-origin` only the same origin is
 * allowed (a page served from the Host the request names); `--cors-origin` adds a list of origins,
 * or `*` for any. Requests without an Origin header (the CLI, servers, curl) are not browsers' and
 * are never refused by it: the bearer token is what guards the API, as browsers never send it on
 * their own.
 */
export class CorsPolicy {
  private readonly origins: Set<string> | 'any';

  /** `origins`: exact origins like `https://pos.example.com`, or `['*']`; empty or undefined: same origin only. */
  constructor(origins: readonly string[] = []) {
    this.origins = origins.includes('*') ? 'any' : new Set(origins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  }

  /** What the Socket.IO server's `cors` option should be: off (no headers) unless origins were given. */
  get socketCors(): { origin: true | string[]; methods: string[] } | undefined {
    if (this.origins === 'any') return { origin: true, methods: ['GET', 'POST'] };
    return this.origins.size ? { origin: [...this.origins], methods: ['GET', 'POST'] } : undefined;
  }

  /** True for a request without an Origin, from its own Host, or from an allowed origin. */
  allows(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    return this.sameOrigin(request, origin) || this.crossAllowed(origin);
  }

  private crossAllowed(origin: string): boolean {
    return this.origins === 'any' || this.origins.has(origin.toLowerCase());
  }

  private sameOrigin(request: IncomingMessage, origin: string): boolean {
    const host = request.headers.host;
    if (!host) return false;
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  }

  /**
   * Adds the CORS headers an allowed cross-origin request needs, and answers a preflight (OPTIONS with
   * Access-Control-Request-Method) itself: 204 with the allowed methods and headers, or 403 for an
   * origin the policy refuses. Answers true when the response is done.
   */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const origin = request.headers.origin;
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return false;
    const cross = !this.sameOrigin(request, origin);
    if (cross && this.crossAllowed(origin)) {
      response.setHeader('access-control-allow-origin', this.origins === 'any' ? '*' : origin);
      response.setHeader('access-control-expose-headers', 'retry-after');
      response.setHeader('vary', 'Origin');
    }
    if (!preflight) return false;
    if (cross && !this.crossAllowed(origin)) {
      sendError(response, RtcError.forbidden(`origin ${origin.slice(0, 200)} is not allowed`, { hint: `start the server with --cors-origin ${origin.slice(0, 200)}` }));
      return true;
    }
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '600',
      'content-length': '0',
    });
    response.end();
    return true;
  }
}

/** Reads `--cors-origin`: comma-separated origins (`https://a.example,https://b.example`) or `*`. Throws BAD_REQUEST. */
export function parseCorsOrigins(text: string): string[] {
  const origins = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/+$/, '').toLowerCase()) {
      throw new RtcError('BAD_REQUEST', `--cors-origin takes origins like https://pos.example.com (scheme, host, port; no path), not "${origin}"`);
    }
  }
  return origins;
}
