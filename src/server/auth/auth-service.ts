import { RtcError } from '../../protocol/errors.js';
import type { SessionAnswer } from '../../protocol/accounts.js';
import type { User } from '../../protocol/model.js';
import type { LoginLimiter } from '../limits/login-limiter.js';
import type { Store } from '../store/store.js';
import type { AccountService } from './account-service.js';
import { ApiKeys } from './api-keys.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { personOf, type Principal } from './principal.js';
import type { SessionGuard } from './session-guard.js';
import type { Sessions } from './sessions.js';
import type { TokenService } from './tokens.js';

/** Logins, and the check of every bearer token (access token or API key) against the session state. */
export class AuthService {
  constructor(
    private readonly store: Store,
    readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    readonly sessions: Sessions,
    readonly guard: SessionGuard,
    readonly keys: ApiKeys,
    private readonly accounts: AccountService,
  ) {}

  /** POST /api/auth/login. Throws UNAUTHENTICATED (wrong username or password, disabled), RATE_LIMITED. */
  async login(username: string, password: string, address: string): Promise<SessionAnswer> {
    await this.limiter.attempt(username, address);
    const record = await this.store.getUserByUsername(username);
    // Hash even for an unknown user, so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, record ?? { passwordHash: '00', salt: 'none' });
    if (!record || !ok) {
      throw new RtcError('UNAUTHENTICATED', 'wrong username or password');
    }
    await this.limiter.succeeded(username, address);
    if (record.disabled) throw new RtcError('UNAUTHENTICATED', `user ${username} is disabled`, { hint: 'ask an admin' });
    return this.sessions.start(record);
  }

  /** The principal of an `Authorization: Bearer` header. Throws UNAUTHENTICATED. */
  async verifyBearer(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) throw RtcError.unauthenticated('no bearer token');
    return this.verify(match[1]!.trim());
  }

  /** The principal of a token (access token or API key) whose session still holds. Throws UNAUTHENTICATED. */
  async verify(token: unknown): Promise<Principal> {
    if (typeof token === 'string' && ApiKeys.looksLikeKey(token)) return this.keys.verify(token);
    const verified = await this.tokens.verify(token);
    const principal: Principal = { user: verified.user, expiresAt: verified.expiresAt, gen: verified.gen, sessionId: verified.sessionId };
    await this.guard.check(principal);
    return principal;
  }

  /** GET /api/me: the user as the store has it now (a key: as the key says). */
  async currentUser(principal: Principal): Promise<User> {
    if (principal.keyId) return principal.user;
    const stored = await this.store.getUser(principal.user.id);
    if (!stored) throw RtcError.unauthenticated('this user no longer exists');
    return { id: stored.id, username: stored.username, role: stored.role, restaurantId: stored.restaurantId };
  }

  /** POST /api/me/password: ends every session of the user (their own included). Throws FORBIDDEN (a key), UNAUTHENTICATED (wrong current). */
  async changePassword(principal: Principal, current: string, next: string, address: string): Promise<void> {
    const username = personOf(principal, 'change a password (it has none)').username;
    await this.limiter.attempt(username, address);
    const record = await this.store.getUserByUsername(username);
    if (!record || !(await verifyPassword(current, record))) throw new RtcError('UNAUTHENTICATED', 'the current password is wrong', { hint: 'try again' });
    await this.limiter.succeeded(username, address);
    await this.store.updateUser(record.id, { password: await hashPassword(next) }, Date.now());
    await this.accounts.announceUser(record.id, 'password changed');
  }
}
