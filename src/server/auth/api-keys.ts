import { canGrantKey, canListAccounts, grantProblem, roleHasRestaurant } from '../../domain/account-rules.js';
import { API_KEY_PREFIX, type ApiKeyInfo } from '../../protocol/accounts.js';
import type { CreateKeyBody } from '../../protocol/account-schemas.js';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { ApiKeyRecord, Store } from '../store/store.js';
import type { Principal, SessionEnd } from './principal.js';
import { randomId, randomToken, sha256Hex } from './secrets.js';

/** How long a looked-up key is trusted before the store is asked again, ms: what a revocation on a node that could not tell us costs at most. */
const CACHE_MS = 5000;
const CACHE_LIMIT = 10_000;

/** The user an API key acts as: its id is `key:ID`, which no username can be (no ':' allowed). */
export function keyUser(key: ApiKeyRecord): User {
  return { id: `key:${key.id}`, username: `key:${key.name}`, role: key.role, restaurantId: key.restaurantId };
}

export function keyInfo(key: ApiKeyRecord): ApiKeyInfo {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    restaurantId: key.restaurantId,
    createdBy: key.createdBy,
    createdAt: new Date(key.createdAt).toISOString(),
    expiresAt: key.expiresAt === null ? null : new Date(key.expiresAt).toISOString(),
  };
}

/**
 * API keys for machines: `rtck_` and 43 random characters, shown once; the store keeps its sha256.
 * A key is checked by hash lookup, remembered for a few seconds; a revocation forgets it at once
 * here and, through SessionEnd, on every node.
 */
export class ApiKeys {
  private readonly cache = new Map<string, { key: ApiKeyRecord | undefined; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly announce: (end: SessionEnd) => void,
  ) {}

  static looksLikeKey(token: string): boolean {
    return token.startsWith(API_KEY_PREFIX);
  }

  /** The principal of a key token. Throws UNAUTHENTICATED for an unknown, revoked or expired key. */
  async verify(token: string): Promise<Principal> {
    const hash = sha256Hex(token);
    const key = await this.lookup(hash);
    if (!key || key.revokedAt !== null) throw new RtcError('UNAUTHENTICATED', 'unknown or revoked API key: ask an admin for a new one (rtc key create)');
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) throw new RtcError('UNAUTHENTICATED', 'this API key has expired: ask an admin for a new one');
    return { user: keyUser(key), expiresAt: key.expiresAt ?? Infinity, keyId: key.id, allowance: key.createdBy };
  }

  /** Whether the key is still good, from the cache when it can: for sweeping open sockets. */
  async stillGood(keyId: string): Promise<boolean> {
    for (const [hash, entry] of this.cache) {
      if (entry.key?.id !== keyId) continue;
      const key = await this.lookup(hash);
      return !!key && key.revokedAt === null && (key.expiresAt === null || key.expiresAt > Date.now());
    }
    const key = await this.store.getApiKey(keyId);
    return !!key && key.revokedAt === null;
  }

  private async lookup(hash: string): Promise<ApiKeyRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.key;
    const key = await this.store.apiKeyByHash(hash);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(hash, { key, at: Date.now() });
    return key;
  }

  /** Drops a key from the cache: it was revoked, here or on another node. */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) if (entry.key?.id === keyId) this.cache.delete(hash);
  }

  /** POST /api/keys. Throws BAD_REQUEST, FORBIDDEN, NOT_FOUND (restaurant). */
  async create(actor: User, body: CreateKeyBody): Promise<{ key: ApiKeyInfo; token: string }> {
    const restaurantId = body.restaurantId ?? (actor.role === 'admin' && roleHasRestaurant(body.role) ? actor.restaurantId : null);
    const grant = { role: body.role, restaurantId };
    const verdict = canGrantKey(actor, grant);
    if (!verdict.allowed) throw new RtcError('FORBIDDEN', verdict.reason);
    const problem = grantProblem(grant);
    if (problem) throw new RtcError('BAD_REQUEST', problem);
    if (restaurantId && !(await this.store.getRestaurant(restaurantId))) {
      throw new RtcError('NOT_FOUND', `restaurant ${restaurantId} does not exist: see rtc restaurant list`);
    }
    const token = randomToken(API_KEY_PREFIX);
    const now = Date.now();
    const record: ApiKeyRecord = {
      id: `k${randomId(6)}`,
      name: body.name,
      role: body.role,
      restaurantId,
      tokenHash: sha256Hex(token),
      createdBy: actor.id,
      createdAt: now,
      expiresAt: body.expiresIn === undefined ? null : now + body.expiresIn * 1000,
      revokedAt: null,
    };
    await this.store.createApiKey(record);
    return { key: keyInfo(record), token };
  }

  /** GET /api/keys: a superadmin sees every key, an admin those of their restaurant. */
  async list(actor: User): Promise<ApiKeyInfo[]> {
    const verdict = canListAccounts(actor, undefined);
    if (!verdict.allowed) throw new RtcError('FORBIDDEN', verdict.reason);
    const keys = await this.store.listApiKeys(actor.role === 'superadmin' ? undefined : actor.restaurantId ?? '');
    return keys.map(keyInfo);
  }

  /** DELETE /api/keys/:id: stops the key, and the keys made from it, at once, everywhere. Throws NOT_FOUND, FORBIDDEN. */
  async revoke(actor: User, id: string): Promise<void> {
    const gone = () => new RtcError('NOT_FOUND', `API key ${id} does not exist or was revoked already: see rtc key list`);
    const key = await this.store.getApiKey(id);
    if (!key || key.revokedAt !== null) throw gone();
    const verdict = canGrantKey(actor, key);
    if (!verdict.allowed) throw new RtcError('FORBIDDEN', verdict.reason);
    const revoked = await this.store.revokeApiKey(id, Date.now());
    if (!revoked) throw gone();
    this.revoked(revoked);
  }

  /** Keys the store has just revoked: forgotten here and cut off on every node (sockets closed). */
  revoked(keyIds: readonly string[]): void {
    for (const keyId of keyIds) {
      this.forget(keyId);
      this.announce({ kind: 'key', keyId, reason: 'API key revoked' });
    }
  }
}
