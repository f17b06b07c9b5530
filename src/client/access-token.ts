import { RtcError } from '../protocol/errors.js';

/**
 * What a client can tell from an access token without the server: when it ends and how long it was
 * issued for. rtc's access tokens are JWTs; an API key (or anything else) tells nothing.
 */
export interface TokenTimes {
  /** When the token ends, ms since the Unix epoch. */
  expiresAt: number;
  /** How long it was issued for, ms. */
  lifetimeMs: number;
}

/** The `exp` and `iat` claims of a JWT, read without checking the signature (the server checks it); undefined for anything else. */
export function tokenTimes(token: string): TokenTimes | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: unknown; iat?: unknown };
    if (typeof claims.exp !== 'number') return undefined;
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : claims.exp - 900;
    return { expiresAt: claims.exp * 1000, lifetimeMs: Math.max(1000, (claims.exp - issuedAt) * 1000) };
  } catch {
    return undefined;
  }
}

/**
 * When to renew a token of these times: a third of its life before it ends, at most a minute before,
 * so that a 15-minute token is renewed at 14 min and a 3-second one at 2 s; ms since the Unix epoch.
 */
export function renewalTime(times: TokenTimes): number {
  return times.expiresAt - Math.min(60_000, times.lifetimeMs / 3);
}

/**
 * Refuses a token that cannot go in an HTTP header or is no token rtc makes (JWTs and `rtck_` keys are
 * visible ASCII): a control character, a space or anything beyond ASCII, typically pasted or saved by
 * accident. Node would refuse it as "Invalid character in header content", an INTERNAL error.
 * `source` names where it came from: "--token", "RTC_TOKEN", "profile \"default\"", "stdin".
 * @throws RtcError BAD_REQUEST (exit 2) naming the source, the character's position and code, never the token.
 */
export function checkTokenText(token: string, source: string): void {
  const bad = /[^\x21-\x7e]/.exec(token);
  if (!bad) return;
  const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const fix = source === '--token' || source === 'RTC_TOKEN' ? `check ${source} (copy the token again)` : source === 'stdin' ? 'pipe in the token alone' : 'run rtc login to save a new one';
  throw RtcError.badRequest(`the token from ${source} holds a character no token holds (${code} at position ${bad.index + 1})`, { hint: fix });
}
