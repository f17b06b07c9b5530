import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { RtcError } from '../../protocol/errors.js';
import { ROLES, type Role, type User } from '../../protocol/model.js';

const ISSUER = 'rtc';

export interface VerifiedToken {
  user: User;
  /** ms since the epoch. */
  expiresAt: number;
  /** The user's session generation when it was issued (0 in tokens of releases before generations). */
  gen: number;
  /** The login session it belongs to (absent in tokens of earlier releases). */
  sessionId?: string | undefined;
}

/** What an access token carries besides the user: the session generation and the login session. */
export interface SessionClaims {
  gen: number;
  sessionId: string;
}

export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    /** How long an access token lives, in seconds. */
    readonly ttlSeconds: number,
  ) {}

  /** A signed access token (HS256 JWT) for the user, good for ttlSeconds. */
  async issue(user: User, session?: SessionClaims): Promise<string> {
    const claims: Record<string, unknown> = { username: user.username, role: user.role, rid: user.restaurantId };
    if (session) Object.assign(claims, { gen: session.gen, sid: session.sessionId });
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.secret);
  }

  /**
   * Signatures already verified, until their token expires. Only the signature is remembered: whether
   * the session is still good (generation, revoked login) is checked on every use by SessionGuard. A client polling every few seconds would otherwise pay
   * an HMAC (WebCrypto, the largest part of a poll's server CPU) for the same token each time.
   */
  private readonly verified = new Map<string, VerifiedToken>();
  private static readonly CACHE_LIMIT = 10_000;

  async verify(token: unknown): Promise<VerifiedToken> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      throw RtcError.unauthenticated('no token');
    }
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      this.verified.delete(token);
      throw RtcError.unauthenticated('session expired');
    }
    const result = await this.verifySignature(token);
    if (this.verified.size >= TokenService.CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, result);
    return result;
  }

  private async verifySignature(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as Role;
      if (typeof payload.sub !== 'string' || !ROLES.includes(role) || typeof payload.exp !== 'number') {
        throw RtcError.unauthenticated('token is missing claims');
      }
      return {
        user: {
          id: payload.sub,
          username: typeof payload.username === 'string' ? payload.username : payload.sub,
          role,
          restaurantId: typeof payload.rid === 'string' ? payload.rid : null,
        },
        expiresAt: payload.exp * 1000,
        gen: typeof payload.gen === 'number' ? payload.gen : 0,
        sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      };
    } catch (error) {
      if (error instanceof RtcError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw RtcError.unauthenticated('session expired');
      throw RtcError.unauthenticated('invalid token');
    }
  }
}
