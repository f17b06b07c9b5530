import { RtcError } from '../protocol/errors.js';

/**
 * ID_MAX of protocol/schemas.ts (a test holds them equal). Not imported: schemas.ts brings zod and
 * the bundle's chunk of it into every command that names an id, which the start-up budget forbids.
 */
export const ID_MAX = 64;

/** What a path parameter names, and the rule the server holds it to (server/http/*-routes.ts). */
const RULES = {
  // idSchema: 1-64 letters, digits, - and _ (orders, restaurants, keys, faults).
  'order id': /^[A-Za-z0-9_-]+$/,
  'restaurant id': /^[A-Za-z0-9_-]+$/,
  'key id': /^[A-Za-z0-9_-]+$/,
  'fault id': /^[A-Za-z0-9_-]+$/,
  // Users are named by username (or an id of an earlier release): 1-64 letters, digits, ".", "_" and "-".
  'user id': /^[A-Za-z0-9._-]+$/,
} as const;

export type PathIdKind = keyof typeof RULES;

/**
 * `value` as a path segment (or query value) of the API, once it passes the contract's rule for a
 * `kind` (at most ID_MAX characters of the allowed set): checked here, before any request, because
 * the server can only answer what reaches it (a 20,000-character id came back as "request failed",
 * a 70,000-character one as UNREACHABLE, the request line being too long to be read).
 * @throws RtcError BAD_REQUEST (exit 2) naming the kind and the rule; the value is shortened when shown.
 */
export function pathId(value: string, kind: PathIdKind): string {
  if (value.length === 0 || value.length > ID_MAX || !RULES[kind].test(value)) {
    const allowed = kind === 'user id' ? 'letters, digits, ".", "_" and "-"' : 'letters, digits, "-" and "_"';
    const why = value.length > ID_MAX ? `${value.length} characters long` : value.length === 0 ? 'empty' : 'holds other characters';
    throw RtcError.badRequest(`${kind} "${value}" is not one (${why})`, { hint: `a ${kind} is 1-${ID_MAX} ${allowed}` });
  }
  return encodeURIComponent(value);
}
