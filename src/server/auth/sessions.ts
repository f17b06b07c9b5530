import type { SessionAnswer } from '../../protocol/accounts.js';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { Logger } from '../logger.js';
import type { Store, StoredUser } from '../store/store.js';
import type { SessionEnd } from './principal.js';
import { randomId, randomToken, sha256Hex } from './secrets.js';
import type { TokenService } from './tokens.js';

/** A spent refresh token presented again within this long of its first use is answered, not taken for theft: a client whose answer was lost retries. */
export const REUSE_WINDOW_MS = 10_000;

const REFRESH_PREFIX = 'rtcr_';

/**
 * Login sessions: each login is a family of refresh tokens (opaque, stored as sha256) that trade for
 * a new access token and a new refresh token. A refresh token is spent by its first use. Presented
 * again within REUSE_WINDOW_MS, it gets a new pair of the same family (the lost answer cannot be
 * given again: its refresh token was never stored in clear); presented again later, it was stolen,
 * and the whole family is revoked.
 */
export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    /** How long a refresh token lives, seconds. */
    private readonly refreshTtlSeconds: number,
    private readonly announce: (end: SessionEnd) => void,
    private readonly log: Logger,
  ) {}

  /** A new login session for the user: its first access token and refresh token. */
  async start(user: StoredUser): Promise<SessionAnswer> {
    const sessionId = randomId();
    const refreshToken = randomToken(REFRESH_PREFIX);
    const now = Date.now();
    await this.store.createSession({ id: sessionId, userId: user.id, createdAt: now }, { hash: sha256Hex(refreshToken), expiresAt: now + this.refreshTtlSeconds * 1000 });
    return this.answer(user, sessionId, refreshToken);
  }

  /** POST /api/auth/refresh. Throws UNAUTHENTICATED (unknown, expired, revoked or stolen refresh token; user gone or disabled). */
  async refresh(refreshToken: string): Promise<SessionAnswer> {
    const now = Date.now();
    const spent = await this.store.spendRefreshToken(sha256Hex(refreshToken), now);
    if (!spent || spent.sessionRevoked) throw new RtcError('UNAUTHENTICATED', 'this login has ended (signed out, or the refresh token is unknown): run rtc login');
    if (spent.expiresAt <= now) throw new RtcError('UNAUTHENTICATED', 'this login is too old (refresh token expired): run rtc login');
    if (spent.usedAt !== null && now - spent.usedAt > REUSE_WINDOW_MS) {
      await this.revoke(spent.sessionId, 'refresh token reused');
      this.log.warn({ user: spent.userId, session: spent.sessionId }, 'a spent refresh token was presented again: its login is revoked');
      throw new RtcError('UNAUTHENTICATED', 'this refresh token was used already, so this login was ended for safety: run rtc login');
    }
    const user = await this.store.getUser(spent.userId);
    if (!user) throw new RtcError('UNAUTHENTICATED', 'this user no longer exists: run rtc login');
    if (user.disabled) throw new RtcError('UNAUTHENTICATED', 'this user is disabled: ask an admin');
    const next = randomToken(REFRESH_PREFIX);
    await this.store.addRefreshToken({ hash: sha256Hex(next), sessionId: spent.sessionId, userId: user.id, expiresAt: now + this.refreshTtlSeconds * 1000 });
    return this.answer(user, spent.sessionId, next);
  }

  /** POST /api/auth/logout: the login's refresh tokens, access tokens and sockets stop. An unknown token is no error (204 either way). */
  async logout(refreshToken: string): Promise<void> {
    const spent = await this.store.spendRefreshToken(sha256Hex(refreshToken), Date.now());
    if (spent && !spent.sessionRevoked) await this.revoke(spent.sessionId, 'signed out');
  }

  private async revoke(sessionId: string, reason: string): Promise<void> {
    const userId = await this.store.revokeSession(sessionId, Date.now());
    if (userId) this.announce({ kind: 'session', sessionId, userId, reason });
  }

  private async answer(record: StoredUser, sessionId: string, refreshToken: string): Promise<SessionAnswer> {
    const user: User = { id: record.id, username: record.username, role: record.role, restaurantId: record.restaurantId };
    const token = await this.tokens.issue(user, { gen: record.tokenGen, sessionId });
    return { token, refreshToken, expiresIn: this.tokens.ttlSeconds, user };
  }
}
