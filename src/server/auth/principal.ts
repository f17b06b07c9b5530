import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';

/**
 * Who a bearer token stands for, once checked: a user logged in (an access token of a login
 * session) or a machine (an API key).
 */
export interface Principal {
  user: User;
  /** When the token stops being good, ms since the epoch; Infinity for a key that never expires. */
  expiresAt: number;
  /** The login session (refresh token family) an access token belongs to. */
  sessionId?: string | undefined;
  /** The user's session generation the access token was issued under. */
  gen?: number | undefined;
  /** The API key, when the token is one. */
  keyId?: string | undefined;
  /**
   * Whose per-user allowance (`--user-rate-limit`) the requests spend: the person who made the API
   * key, so that minting keys does not multiply it (40 keys gave one admin 40 allowances: attacker
   * trial of 2026-11-30); the user's own id otherwise (see `allowanceOf`).
   */
  allowance?: string | undefined;
}

/** The key the per-user limit counts a principal's requests under. */
export function allowanceOf(principal: Principal): string {
  return principal.allowance ?? principal.user.id;
}

/** What ended, so that the sockets and tokens it covers can be cut off: a user's every session, one login, or one key. */
export type SessionEnd =
  | { kind: 'user'; userId: string; reason: string; state: { tokenGen: number; disabled: boolean } | null }
  | { kind: 'session'; sessionId: string; userId: string; reason: string }
  | { kind: 'key'; keyId: string; reason: string };

/** Whether the principal is one of those the end covers. */
export function endCovers(end: SessionEnd, principal: Principal): boolean {
  if (end.kind === 'key') return principal.keyId === end.keyId;
  if (principal.keyId) return false;
  if (end.kind === 'session') return principal.sessionId === end.sessionId;
  return principal.user.id === end.userId;
}

/**
 * The user behind the principal when it is a person (a login), for what only a person may do: manage
 * accounts (make or revoke keys; add, change or remove users; set passwords). Keys are for
 * point-of-sale scripts and screens, and a key that could do these could outlive its maker.
 * Throws FORBIDDEN for an API key.
 */
export function personOf(principal: Principal, what: string): User {
  if (principal.keyId) throw RtcError.forbidden(`an API key cannot ${what}`, { hint: 'log in as a person to manage accounts' });
  return principal.user;
}
