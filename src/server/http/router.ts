import type { IncomingMessage, ServerResponse } from 'node:http';
import { RtcError, isRtcError, toRtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { storeFault } from '../store/sqlite-faults.js';
import { UNEXPECTED } from '../unexpected.js';
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

export type Authenticate = (header: string | undefined) => Promise<User>;

/** Matches a request to a route and turns whatever it throws into the contract's error body. */
export function createRouter(routes: Route[], authenticate: Authenticate, metrics: Metrics, log: Logger) {
  const compiled = routes.map(compile);
  const add = (route: Route): void => void compiled.push(compile(route));
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let name = 'unknown';
    try {
      let matched: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
      let pathKnown = false;
      for (const candidate of compiled) {
        const match = candidate.pattern.exec(url.pathname);
        if (!match) continue;
        pathKnown = true;
        if (candidate.route.method !== method) continue;
        const params: Record<string, string> = {};
        candidate.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1]!)));
        matched = { compiled: candidate, params };
        break;
      }
      if (!matched) {
        if (pathKnown) throw new RtcError('NOT_FOUND', `${method} is not allowed on ${url.pathname}`);
        throw notFound(method, url.pathname);
      }
      name = matched.compiled.route.name;
      let user: Promise<User> | undefined;
      const result = await matched.compiled.route.handle({
        request,
        response,
        params: matched.params,
        query: url.searchParams,
        user: () => (user ??= authenticate(request.headers.authorization)),
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
      if (!isRtcError(error)) log.error({ err: error, method, path: url.pathname }, 'request failed');
      if (!response.headersSent) sendError(response, rtcError);
      else response.destroy();
    } finally {
      metrics.httpRequests.inc({ method, route: name, status: String(response.statusCode) });
      metrics.httpDuration.observe({ route: name }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  };
  return { handle, add };
}
