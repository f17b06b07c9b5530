import type { IncomingMessage, ServerResponse } from 'node:http';
import { RtcError, isRtcError, toRtcError } from '../../protocol/errors.js';
import { allowanceOf, type Principal } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { storeFault } from '../store/sqlite-faults.js';
import { UNEXPECTED } from '../unexpected.js';
import type { RequestLimits } from '../limits/request-limits.js';
import type { Socket } from 'node:net';
import { clientAddressOf, type ClientAddressOf } from './client-address.js';
import type { CorsPolicy } from './cors.js';
import { sendError, sendJson } from './respond.js';
import { notFound, type Route } from './routes.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  keys: string[];
}

function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const source = route.path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), keys };
}

/** The principal of an Authorization header; throws RtcError UNAUTHENTICATED. */
export type Authenticate = (header: string | undefined) => Promise<Principal>;

/** What the router checks besides routes; each optional. */
export interface RouterGuards {
  /** Per-user limit for authenticated calls, per-address for the others. */
  limits?: RequestLimits | undefined;
  /** The client's address of a request (default: the TCP peer); `--trust-proxy` reads X-Forwarded-For. */
  addressOf?: ClientAddressOf | undefined;
  /** Origin policy: CORS headers and preflight answers. */
  cors?: CorsPolicy | undefined;
  /** Told when a connection carried a valid token, so it leaves the unauthenticated count (ConnectionGuard). */
  authenticated?: ((socket: Socket) => void) | undefined;
}

/** A path parameter, %-decoded; a malformed escape is the client's mistake, BAD_REQUEST. */
function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RtcError('BAD_REQUEST', 'the path has a malformed % escape');
  }
}

/** Matches a request to a route and turns whatever it throws into the contract's error body. */
export function createRouter(routes: Route[], authenticate: Authenticate, metrics: Metrics, log: Logger, guards: RouterGuards = {}) {
  const { limits, cors, authenticated: onAuthenticated } = guards;
  const addressOf = guards.addressOf ?? clientAddressOf();
  const compiled = routes.map(compile);
  // Looked up before the path is parsed: the per-address limit comes first for everything else.
  const unlimitedPaths = new Set(routes.filter((route) => route.unlimited).map((route) => `${route.method} ${route.path}`));
  const add = (route: Route): void => void compiled.push(compile(route));
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const method = request.method ?? 'GET';
    const address = addressOf(request);
    let pathname = '/';
    let name = 'unknown';
    // Only a caller with a valid token may make the server log at error level: anyone else could flood the log.
    let authenticated = false;
    try {
      if (cors?.handle(request, response)) return;
      const header = request.headers.authorization;
      const unlimited = unlimitedPaths.has(`${method} ${(request.url ?? '/').split('?', 1)[0]}`);
      if (header === undefined && limits && !unlimited) await limits.forAddress(address);
      const url = new URL(request.url ?? '/', 'http://localhost');
      pathname = url.pathname;
      let matched: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
      let pathKnown = false;
      for (const candidate of compiled) {
        const match = candidate.pattern.exec(url.pathname);
        if (!match) continue;
        pathKnown = true;
        if (candidate.route.method !== method) continue;
        const params: Record<string, string> = {};
        candidate.keys.forEach((key, i) => (params[key] = decodeParam(match[i + 1]!)));
        matched = { compiled: candidate, params };
        break;
      }
      if (!matched) {
        if (header !== undefined && limits) await limits.forAddress(address);
        if (pathKnown) throw new RtcError('NOT_FOUND', `${method} is not allowed on ${pathname}`);
        throw notFound(method, pathname);
      }
      name = matched.compiled.route.name;
      let principal: Promise<Principal> | undefined;
      const verified = async (header: string | undefined): Promise<Principal> => {
        let caller: Principal;
        try {
          caller = await authenticate(header);
        } catch (error) {
          if (limits) await limits.forAddress(address);
          throw error;
        }
        authenticated = true;
        onAuthenticated?.(request.socket);
        if (limits) await limits.forUser(allowanceOf(caller));
        return caller;
      };
      const checked = () => (principal ??= verified(header));
      const result = await matched.compiled.route.handle({
        request,
        response,
        params: matched.params,
        query: url.searchParams,
        address,
        principal: checked,
        user: async () => (await checked()).user,
      });
      if (result && !response.headersSent) {
        if (result.contentType) {
          response.writeHead(result.status ?? 200, { 'content-type': result.contentType });
          response.end(result.body as string);
        } else {
          sendJson(response, result.status ?? 200, result.body);
        }
      }
    } catch (error) {
      // A fault of the store's file that reached here unmapped is still the contract's UNAVAILABLE, not a bare 500.
      const rtcError = storeFault(error) ?? toRtcError(error, UNEXPECTED);
      if (!isRtcError(error)) {
        // Only a caller with a valid token can make the server log at error level: anyone else could flood the log.
        if (authenticated) log.error({ err: error, method, path: pathname }, 'request failed');
        else log.warn({ err: error, method, path: pathname.slice(0, 200) }, 'unauthenticated request failed');
      }
      if (!response.headersSent) sendError(response, rtcError);
      else response.destroy();
    } finally {
      metrics.httpRequests.inc({ method, route: name, status: String(response.statusCode) });
      metrics.httpDuration.observe({ route: name }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
  return { handle, add };
}
