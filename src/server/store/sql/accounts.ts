import { RtcError } from '../../../protocol/errors.js';
import type { Role } from '../../../protocol/model.js';
import type { ApiKeyRecord, RefreshTokenRecord, UserChange, UserInfo, UserRemoval, UserUpdate } from '../store.js';
import { toUser, type UserRow } from './rows.js';

/**
 * Accounts, sessions and API keys: the statements both SQL stores run (written with `?`), and the
 * two multi-statement changes (update and delete a user) written once over a transaction handle.
 * Times are milliseconds since the Unix epoch, in INTEGER (SQLite) and BIGINT (PostgreSQL) columns.
 */
export const INSERT_RESTAURANT = 'INSERT INTO restaurants (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING';
export const RENAME_RESTAURANT = 'UPDATE restaurants SET name = ? WHERE id = ? RETURNING id, name';

export const COUNT_USERS = 'SELECT COUNT(*) AS n FROM users';
export const LIST_USERS = 'SELECT * FROM users ORDER BY username';
export const LIST_USERS_OF = 'SELECT * FROM users WHERE restaurant_id = ? ORDER BY username';

export const INSERT_SESSION = 'INSERT INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)';
export const INSERT_REFRESH = 'INSERT INTO refresh_tokens (hash, session_id, user_id, expires_at) VALUES (?, ?, ?, ?)';
/** Parameters: now, hash. Changes one row only the first time. */
export const SPEND_REFRESH = 'UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL';
export const REFRESH_BY_HASH = `SELECT r.session_id, r.user_id, r.expires_at, r.used_at, s.revoked_at
  FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.hash = ?`;
/** Parameters: now, session id. */
export const REVOKE_SESSION = 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING user_id';
export const SESSION_USER = 'SELECT user_id FROM sessions WHERE id = ?';
export const DELETE_SESSION_REFRESH = 'DELETE FROM refresh_tokens WHERE session_id = ?';
export const USER_GENERATIONS = 'SELECT id, token_gen, disabled FROM users';
export const REVOKED_SESSIONS = 'SELECT id FROM sessions WHERE revoked_at >= ?';

export const INSERT_API_KEY = `INSERT INTO api_keys (id, name, role, restaurant_id, token_hash, created_by, created_at, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
export const LIST_API_KEYS = 'SELECT * FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at DESC, id';
export const LIST_API_KEYS_OF = 'SELECT * FROM api_keys WHERE revoked_at IS NULL AND restaurant_id = ? ORDER BY created_at DESC, id';
export const API_KEY_BY_ID = 'SELECT * FROM api_keys WHERE id = ?';
export const API_KEY_BY_HASH = 'SELECT * FROM api_keys WHERE token_hash = ?';
/** Parameters: now, id. */
export const REVOKE_API_KEY = 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL';

/**
 * Revokes the live keys a maker made, and the keys those keys made, to any depth (earlier releases let
 * a key make keys; `created_by` of such a key is `key:ID`). Walks through keys revoked already, so a
 * key made by a revoked key still goes. Parameters: the maker (a user id, or `key:ID`), now. Answers
 * the ids revoked (RETURNING id).
 */
export const REVOKE_KEYS_MADE_BY = `WITH RECURSIVE made (id) AS (
    SELECT id FROM api_keys WHERE created_by = ?
    UNION
    SELECT k.id FROM api_keys k JOIN made m ON k.created_by = 'key:' || m.id
  )
  UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND id IN (SELECT id FROM made) RETURNING id`;

/**
 * Revokes every live key that its maker could not make now: a key made by a key (no longer allowed),
 * or by a user who is gone, disabled, or whose role and restaurant no longer cover it (what
 * domain/account-rules' canGrantKey allows: a superadmin any key, an admin staff and admin keys of
 * their restaurant). `now` is SQL: the migration that runs it has no parameters on PostgreSQL.
 */
export function revokeUnboundKeys(now: string): string {
  return `UPDATE api_keys SET revoked_at = ${now} WHERE revoked_at IS NULL AND NOT EXISTS (
    SELECT 1 FROM users u WHERE u.id = api_keys.created_by AND u.disabled = 0 AND (
      u.role = 'superadmin'
      OR (u.role = 'admin' AND api_keys.role IN ('staff', 'admin') AND api_keys.restaurant_id = u.restaurant_id)
    )
  )`;
}

export interface RefreshRow {
  session_id: string;
  user_id: string;
  expires_at: number | string;
  used_at: number | string | null;
  revoked_at: number | string | null;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  restaurant_id: string | null;
  token_hash: string;
  created_by: string;
  created_at: number | string;
  expires_at: number | string | null;
  revoked_at: number | string | null;
}

const maybeNumber = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function toRefresh(row: RefreshRow): RefreshTokenRecord {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    expiresAt: Number(row.expires_at),
    usedAt: maybeNumber(row.used_at),
    sessionRevoked: row.revoked_at !== null,
  };
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    restaurantId: row.restaurant_id,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    expiresAt: maybeNumber(row.expires_at),
    revokedAt: maybeNumber(row.revoked_at),
  };
}

export function apiKeyParams(key: ApiKeyRecord): unknown[] {
  return [key.id, key.name, key.role, key.restaurantId, key.tokenHash, key.createdBy, key.createdAt, key.expiresAt];
}

export function toUserInfo(row: UserRow): UserInfo {
  const { passwordHash: _p, salt: _s, tokenGen: _g, ...info } = toUser(row);
  return info;
}

/**
 * One transaction of a store, as the shared account code needs it. `forUpdate` is what locks the
 * rows a SELECT reads until the transaction ends: " FOR UPDATE" on PostgreSQL; nothing on SQLite,
 * whose transaction holds the one write lock from its start (BEGIN IMMEDIATE).
 */
export interface SqlTx {
  readonly forUpdate: string;
  get<R>(sql: string, params: unknown[]): Promise<R | undefined>;
  all<R>(sql: string, params: unknown[]): Promise<R[]>;
  /** Answers the number of rows changed. */
  run(sql: string, params: unknown[]): Promise<number>;
}

const ACTIVE_SUPERADMINS = "SELECT id FROM users WHERE role = 'superadmin' AND disabled = 0";

/**
 * Refuses a change that would leave the store without an active superadmin: someone must always be
 * able to manage it without `rtc admin reset-password`. Locks the superadmins' rows (PostgreSQL), so
 * that two nodes demoting the last two at once cannot both pass.
 */
async function keepOneSuperadmin(tx: SqlTx, user: UserInfo, what: string): Promise<void> {
  if (user.role !== 'superadmin' || user.disabled) return;
  const active = await tx.all<{ id: string }>(`${ACTIVE_SUPERADMINS}${tx.forUpdate}`, []);
  if (active.length <= 1) {
    throw new RtcError('CONFLICT', `${user.username} is the last active superadmin: ${what} would leave nobody to manage the store; make another superadmin first`);
  }
}

async function lockedUser(tx: SqlTx, id: string): Promise<UserInfo> {
  const row = await tx.get<UserRow>(`SELECT * FROM users WHERE id = ?${tx.forUpdate}`, [id]);
  if (!row) throw new RtcError('NOT_FOUND', `user ${id} does not exist: see rtc user list`);
  return toUserInfo(row);
}

/** Ends every session of the user: the next generation for their access tokens, no more refresh tokens. */
async function endSessions(tx: SqlTx, id: string, now: number): Promise<void> {
  await tx.run('UPDATE users SET token_gen = token_gen + 1 WHERE id = ?', [id]);
  await tx.run('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', [now, id]);
  await tx.run('DELETE FROM refresh_tokens WHERE user_id = ?', [id]);
}

/** Revokes the keys `maker` made (see REVOKE_KEYS_MADE_BY); answers their ids. */
async function revokeKeysMadeBy(tx: SqlTx, maker: string, now: number): Promise<string[]> {
  return (await tx.all<{ id: string }>(REVOKE_KEYS_MADE_BY, [maker, now])).map((row) => row.id);
}

/** Store.revokeApiKey, the same on both engines: the key, then the keys made from it. */
export async function revokeApiKeyIn(tx: SqlTx, id: string, now: number): Promise<string[] | undefined> {
  const row = await tx.get<ApiKeyRow>(`${API_KEY_BY_ID}${tx.forUpdate}`, [id]);
  if (!row || row.revoked_at !== null) return undefined;
  await tx.run(REVOKE_API_KEY, [now, id]);
  return [id, ...(await revokeKeysMadeBy(tx, `key:${id}`, now))];
}

/** Store.updateUser, the same on both engines. */
export async function updateUserIn(tx: SqlTx, id: string, change: UserChange, now: number): Promise<UserUpdate> {
  const current = await lockedUser(tx, id);
  const next: UserInfo = {
    ...current,
    ...(change.role !== undefined ? { role: change.role } : {}),
    ...(change.restaurantId !== undefined ? { restaurantId: change.restaurantId } : {}),
    ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
  };
  if ((current.role === 'superadmin' && next.role !== 'superadmin') || (!current.disabled && next.disabled)) {
    await keepOneSuperadmin(tx, current, next.disabled ? 'disabling them' : 'demoting them');
  }
  await tx.run('UPDATE users SET role = ?, restaurant_id = ?, disabled = ? WHERE id = ?', [next.role, next.restaurantId, next.disabled ? 1 : 0, id]);
  if (change.password) {
    await tx.run('UPDATE users SET password_hash = ?, salt = ? WHERE id = ?', [change.password.passwordHash, change.password.salt, id]);
  }
  await endSessions(tx, id, now);
  // A key must not outlive or out-rank its maker: a disabled maker, or one with another role or
  // restaurant, keeps none of the keys they made. A new password alone changes neither.
  const unbound = next.disabled || next.role !== current.role || next.restaurantId !== current.restaurantId;
  return { user: next, revokedKeys: unbound ? await revokeKeysMadeBy(tx, id, now) : [] };
}

/** Store.deleteUser, the same on both engines. */
export async function deleteUserIn(tx: SqlTx, id: string, now: number): Promise<UserRemoval> {
  const current = await lockedUser(tx, id);
  await keepOneSuperadmin(tx, current, 'removing them');
  await tx.run('DELETE FROM refresh_tokens WHERE user_id = ?', [id]);
  await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
  await tx.run('DELETE FROM users WHERE id = ?', [id]);
  return { revokedKeys: await revokeKeysMadeBy(tx, id, now) };
}

/**
 * Parameters: id (the username), username, role, restaurant id, password hash, salt, token_gen. A new
 * user's generation starts at the time of creation, so a user removed and made again under the same
 * name does not bring the old user's access tokens back to life.
 */
export const INSERT_USER_WITH_GEN = `INSERT INTO users (id, username, role, restaurant_id, password_hash, salt, token_gen) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING`;
