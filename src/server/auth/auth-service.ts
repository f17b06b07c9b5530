import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { LoginLimiter } from '../limits/login-limiter.js';
import type { Store } from '../store/store.js';
import { verifyPassword } from './passwords.js';
import type { TokenService, VerifiedToken } from './tokens.js';

export class AuthService {
  constructor(
    private readonly store: Store,
    readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(username: string, password: string, address: string): Promise<{ token: string; user: User }> {
    await this.limiter.attempt(username, address);
    const record = await this.store.getUserByUsername(username);
    // Hash even for an unknown user, so that timing does not tell which usernames exist.
    const ok = await verifyPassword(password, record ?? { passwordHash: '00', salt: 'none' });
    if (!record || !ok) {
      throw new RtcError('UNAUTHENTICATED', 'wrong username or password');
    }
    await this.limiter.succeeded(username, address);
    const user: User = { id: record.id, username: record.username, role: record.role, restaurantId: record.restaurantId };
    return { token: await this.tokens.issue(user), user };
  }

  async verifyBearer(header: string | undefined): Promise<VerifiedToken> {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) throw RtcError.unauthenticated('no bearer token');
    return this.tokens.verify(match[1]!.trim());
  }

  /** The user as the store has it now; a token for a deleted user is no longer good. */
  async currentUser(user: User): Promise<User> {
    const stored = await this.store.getUser(user.id);
    if (!stored) throw RtcError.unauthenticated('this user no longer exists');
    return stored;
  }
}
