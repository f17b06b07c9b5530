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

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  retryAfter?: number;
}

/** Every failure a user can meet is one of these: a code from the contract and a message that says what to do. */
export class RtcError extends Error {
  readonly code: ErrorCode;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfter?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RtcError';
    this.code = code;
    this.retryAfter = options.retryAfter;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }

  static from(body: unknown, fallback: ErrorCode = 'INTERNAL'): RtcError {
    if (body && typeof body === 'object') {
      const b = body as Partial<ErrorBody>;
      const code = (ERROR_CODES as readonly string[]).includes(String(b.code)) ? (b.code as ErrorCode) : fallback;
      const message = typeof b.message === 'string' ? b.message : 'unknown error';
      return new RtcError(code, message, typeof b.retryAfter === 'number' ? { retryAfter: b.retryAfter } : {});
    }
    return new RtcError(fallback, String(body));
  }
}

export function isRtcError(value: unknown): value is RtcError {
  return value instanceof RtcError;
}
