export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'UNREACHABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  // The CLI's own code: a server never answers it, but the table is total.
  UNREACHABLE: 503,
  INTERNAL: 500,
};

/** Exit codes of the CLI, section 3 of the contract. */
export const EXIT_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 2,
  UNAUTHENTICATED: 4,
  FORBIDDEN: 4,
  NOT_FOUND: 5,
  INVALID_TRANSITION: 3,
  CONFLICT: 3,
  RATE_LIMITED: 7,
  UNAVAILABLE: 8,
  UNREACHABLE: 6,
  INTERNAL: 1,
};

/** The error object on the wire (HTTP bodies, socket acks): `hint` is rtc's extension, the next step to take. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  hint?: string;
  retryAfter?: number;
}

export interface RtcErrorOptions {
  /** What to do next, e.g. "run rtc login"; a client shows it after the message. */
  hint?: string | undefined;
  /** Seconds until a retry can succeed (RATE_LIMITED). */
  retryAfter?: number | undefined;
  cause?: unknown;
}

/**
 * Every failure a user can meet is one of these: a code from the contract, a message that says what
 * happened and, when there is one, a hint that says what to do. The named constructors below are the
 * usual way to make one, so the same failure reads the same wherever it is raised.
 */
export class RtcError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: RtcErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RtcError';
    this.code = code;
    this.hint = options.hint;
    this.retryAfter = options.retryAfter;
  }

  /** NOT_FOUND, "`what` `id` does not exist"; e.g. `RtcError.notFound('order', 'o-1', { hint: 'check the id with rtc order list' })`. */
  static notFound(what: string, id: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('NOT_FOUND', `${what} ${id} does not exist`, options);
  }

  /** FORBIDDEN: the caller is known but may not do this; `reason` says why (an access verdict's reason). */
  static forbidden(reason: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('FORBIDDEN', reason, options);
  }

  /** BAD_REQUEST: the input is wrong and the same request will fail again. */
  static badRequest(message: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('BAD_REQUEST', message, options);
  }

  /** CONFLICT: someone changed the thing first (an `expect` that no longer holds). */
  static conflict(message: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('CONFLICT', message, options);
  }

  /** UNAUTHENTICATED: no valid token; the hint defaults to logging in again. */
  static unauthenticated(message: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('UNAUTHENTICATED', message, { hint: 'run rtc login', ...options });
  }

  /** RATE_LIMITED: `what` was refused; the hint says to wait `retryAfter` seconds. */
  static rateLimited(what: string, retryAfter: number, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('RATE_LIMITED', what, { hint: `wait ${retryAfter} s and try again`, ...options, retryAfter });
  }

  /** UNAVAILABLE: the store cannot take the write now (locked, full, read-only, gone); trying later may work. */
  static unavailable(message: string, options: RtcErrorOptions = {}): RtcError {
    return new RtcError('UNAVAILABLE', message, options);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.hint !== undefined) body.hint = this.hint;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }

  /** Reads an error object off the wire; an unknown or missing code becomes `fallback`. */
  static from(body: unknown, fallback: ErrorCode = 'INTERNAL'): RtcError {
    if (body && typeof body === 'object') {
      const b = body as Partial<ErrorBody>;
      const code = (ERROR_CODES as readonly string[]).includes(String(b.code)) ? (b.code as ErrorCode) : fallback;
      const message = typeof b.message === 'string' ? b.message : 'unknown error';
      return new RtcError(code, message, {
        hint: typeof b.hint === 'string' ? b.hint : undefined,
        retryAfter: typeof b.retryAfter === 'number' ? b.retryAfter : undefined,
      });
    }
    return new RtcError(fallback, String(body));
  }

  /** The line a person reads: "what happened: what to do". */
  get sentence(): string {
    return this.hint ? `${this.message}: ${this.hint}` : this.message;
  }
}

export function isRtcError(value: unknown): value is RtcError {
  return value instanceof RtcError;
}

/**
 * Anything thrown, as an RtcError: an RtcError as it is, anything else as `fallback.code` (INTERNAL
 * by default) with `fallback.message`, or else the thrown value's own message. A server passes a
 * fallback message so that an unexpected failure's details stay in its log.
 */
export function toRtcError(value: unknown, fallback: { code?: ErrorCode; message?: string; hint?: string } = {}): RtcError {
  if (value instanceof RtcError) return value;
  const message = fallback.message ?? (value instanceof Error ? value.message : String(value));
  return new RtcError(fallback.code ?? 'INTERNAL', message, { hint: fallback.hint, cause: value });
}
