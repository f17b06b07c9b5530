import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RtcError, type ErrorCode } from '../protocol/errors.js';
import type { Order, OrderEvent, User } from '../protocol/model.js';
import type { OrderChanged, OrderCreated } from '../protocol/order-commands.js';
import type { AdvanceBody, CancelBody, CreateOrderBody, RecallBody } from '../protocol/schemas.js';
import type { Status } from '../protocol/status.js';
import type { SessionAnswer } from './account-types.js';
import { checkTokenText } from './access-token.js';
import { pathId } from './path-ids.js';
import { checkServerUrl } from './server-url.js';
import type { OrderCommands } from './order-commands.js';
import { redactedText } from '../protocol/redacted-url.js';

/**
 * Where a client gets its access token when a session renews it (see ProfileSession): `token()` is
 * the one to send now (renewed first when it is about to end), `renew()` trades the refresh token for
 * a new one at once; both throw UNAUTHENTICATED when the session has really ended.
 */
export interface TokenSource {
  token(): Promise<string>;
  renew(): Promise<string>;
  /** Whether `renew()` can work at all (a password login; not an API key). */
  readonly renewable: boolean;
}

export interface HttpClientOptions {
  server: string;
  token?: string | undefined;
  /** Instead of `token`: a session that renews the access token before it ends, and once on a 401. */
  session?: TokenSource | undefined;
  /** PEM of a private CA to trust for https servers. */
  ca?: string | Buffer | undefined;
  timeoutMs?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/**
 * The HTTP API of the contract, over node:http rather than fetch: one-shot commands start faster
 * without loading undici, and a private CA is one option away.
 */
export class HttpClient implements OrderCommands {
  readonly server: string;
  private readonly token: string | undefined;
  private readonly session: TokenSource | undefined;
  private readonly ca: string | Buffer | undefined;
  private readonly timeoutMs: number;

  constructor(options: HttpClientOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.token = options.token;
    this.session = options.session;
    this.ca = options.ca;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /**
   * Sends one call of the API and answers its JSON body (`{}` for a 204). Throws the server's error as
   * an RtcError, UNREACHABLE when there is no answer. With a session, an access token refused as
   * expired is renewed and the call sent once more.
   */
  async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    if (!this.session) return this.send<T>(method, path, body, this.token);
    const token = await this.session.token();
    try {
      return await this.send<T>(method, path, body, token);
    } catch (error) {
      if (!(error instanceof RtcError) || error.code !== 'UNAUTHENTICATED' || !this.session.renewable) throw error;
      // The token may have ended between the check and the call, or the server restarted with a shorter TTL.
      return this.send<T>(method, path, body, await this.session.renew());
    }
  }

  private send<T>(method: HttpMethod, path: string, body: unknown, token: string | undefined): Promise<T> {
    let url: URL;
    try {
      checkServerUrl(this.server);
      // Where the token came from is checked by resolveContext; this is the last word before a header.
      if (token) checkTokenText(token, 'the session');
      url = new URL(path, this.server + '/');
    } catch (error) {
      return Promise.reject(error);
    }
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = send(url, { method, headers, timeout: this.timeoutMs, ...(this.ca ? { ca: this.ca } : {}) }, (res) => {
        readBody(res)
          .then((text) => parseAnswer<T>(res, text, this.server))
          .then(resolve, reject);
      });
      req.on('timeout', () => req.destroy(new RtcError('UNREACHABLE', `no answer from ${redactedText(this.server)} within ${this.timeoutMs / 1000} s`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error instanceof RtcError) return reject(error);
        reject(unreachable(this.server, error));
      });
      req.end(payload);
    });
  }

  login(username: string, password: string) {
    return this.request<SessionAnswer>('POST', '/api/auth/login', { username, password });
  }
  /** Trades a refresh token for a new pair (the old refresh token is spent). */
  refresh(refreshToken: string) {
    return this.send<SessionAnswer>('POST', '/api/auth/refresh', { refreshToken }, undefined);
  }
  /** Ends the login the refresh token belongs to (204). */
  logout(refreshToken: string) {
    return this.send<Record<string, never>>('POST', '/api/auth/logout', { refreshToken }, undefined);
  }
  me() {
    return this.request<{ user: User }>('GET', '/api/me');
  }
  createOrder(body: CreateOrderBody) {
    return this.request<OrderCreated>('POST', '/api/orders', body);
  }
  listOrders(filter: { restaurantId?: string | undefined; status?: Status | undefined } = {}) {
    const query = new URLSearchParams();
    if (filter.restaurantId) query.set('restaurantId', decodeURIComponent(pathId(filter.restaurantId, 'restaurant id')));
    if (filter.status) query.set('status', filter.status);
    const qs = query.toString();
    return this.request<{ orders: Order[] }>('GET', `/api/orders${qs ? `?${qs}` : ''}`);
  }
  getOrder(id: string) {
    return this.request<{ order: Order; events: OrderEvent[] }>('GET', `/api/orders/${pathId(id, 'order id')}`);
  }
  advance(id: string, body: AdvanceBody = {}) {
    return this.request<OrderChanged>('POST', `/api/orders/${pathId(id, 'order id')}/advance`, body);
  }
  cancel(id: string, body: CancelBody = {}) {
    return this.request<OrderChanged>('POST', `/api/orders/${pathId(id, 'order id')}/cancel`, body);
  }
  recall(id: string, body: RecallBody = {}) {
    return this.request<OrderChanged>('POST', `/api/orders/${pathId(id, 'order id')}/recall`, body);
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function parseAnswer<T>(res: IncomingMessage, text: string, server: string): T {
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new RtcError('INTERNAL', `${redactedText(server)} answered ${res.statusCode} with something that is not JSON: is it an rtc server?`);
  }
  const status = res.statusCode ?? 500;
  if (status >= 200 && status < 300) return body as T;
  const error = (body as { error?: unknown }).error;
  return failWith(error, STATUS_CODE[status] ?? 'INTERNAL');
}

function failWith(error: unknown, fallback: ErrorCode): never {
  throw RtcError.from(error ?? { code: fallback, message: 'request failed' }, fallback);
}

const UNTRUSTED_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

/** A TLS failure that a private CA would fix, said so; undefined for any other failure. */
export function untrustedServer(server: string, error: NodeJS.ErrnoException | undefined): RtcError | undefined {
  const why = error?.code ?? '';
  if (!UNTRUSTED_CERTIFICATE.test(why)) return undefined;
  return new RtcError('UNREACHABLE', `cannot trust ${redactedText(server)} (${why}): pass its CA with --ca FILE, or set NODE_EXTRA_CA_CERTS`, { cause: error });
}

export function unreachable(server: string, error: NodeJS.ErrnoException): RtcError {
  const untrusted = untrustedServer(server, error);
  if (untrusted) return untrusted;
  const why = error.code ?? error.message;
  return new RtcError('UNREACHABLE', `cannot reach ${redactedText(server)} (${why}): is rtc serve running there? Check --server or RTC_SERVER`, {
    cause: error,
  });
}
