import { RtcError } from '../../protocol/errors.js';
import { userRoom } from '../../protocol/rooms.js';
import { endCovers, type Principal, type SessionEnd } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import { SessionExpiry } from './session-expiry.js';
import type { RtcServer, RtcSocket } from './types.js';

export interface SessionSocketsDeps {
  /** The principal of a token whose session holds; throws RtcError UNAUTHENTICATED. */
  verify(token: unknown): Promise<Principal>;
  /** Why the principal's session has ended, from memory (undefined: it holds); keys are asked of `keyGood`. */
  problemNow(principal: Principal): string | undefined;
  keyGood(keyId: string): Promise<boolean>;
  log: Logger;
}

/**
 * What a screen on an API key is told when its key ends: a login would not bring it back (the screen
 * runs on the key, not on a profile), a new key does.
 */
const keyEnded = (what: string) => `${what}: ask an admin for a new key (rtc key create) and start this screen with it (RTC_TOKEN)`;

/**
 * The sessions of this node's sockets: each socket is closed, after `session_expired {reason}`, when
 * its token expires, when its session ends (here, or on another node: `end` is called for both), or
 * when a sweep after a reload of the session state finds it ended (an end whose message was lost).
 * `session_refresh` moves a socket's expiry to its new token's.
 */
export class SessionSockets {
  private readonly expiry = new SessionExpiry((socket) =>
    this.close(socket, 'expired', socket.data.principal.keyId ? keyEnded('API key expired') : 'session expired: run rtc login'),
  );

  constructor(
    private readonly io: RtcServer,
    private readonly deps: SessionSocketsDeps,
  ) {}

  add(socket: RtcSocket): void {
    const at = socket.data.principal.expiresAt;
    if (Number.isFinite(at)) this.expiry.add(socket, at);
  }

  remove(socket: RtcSocket): void {
    const at = socket.data.principal.expiresAt;
    if (Number.isFinite(at)) this.expiry.remove(socket, at);
  }

  /** session_refresh: the socket takes a new access token of the same user. Throws BAD_REQUEST (a key's socket), FORBIDDEN (another user), UNAUTHENTICATED. */
  async refresh(socket: RtcSocket, token: string): Promise<{ expiresAt: number }> {
    if (socket.data.principal.keyId) throw new RtcError('BAD_REQUEST', 'this socket runs on an API key, which needs no refresh');
    const next = await this.deps.verify(token);
    if (next.keyId) throw new RtcError('BAD_REQUEST', 'session_refresh takes an access token, not an API key');
    if (next.user.id !== socket.data.user.id) throw new RtcError('FORBIDDEN', `that token is of ${next.user.username}, not ${socket.data.user.username}: open a new connection`);
    this.remove(socket);
    socket.data.principal = next;
    socket.data.user = next.user;
    socket.data.tokenExpiresAt = next.expiresAt;
    this.add(socket);
    // ms since the Unix epoch, like serverTime (docs/protocol.md).
    return { expiresAt: next.expiresAt };
  }

  /** Closes this node's sockets that the end covers. */
  end(end: SessionEnd): void {
    const room = end.kind === 'key' ? userRoom(`key:${end.keyId}`) : userRoom(end.userId);
    const sockets = this.io.of('/').adapter.rooms.get(room);
    if (!sockets) return;
    for (const id of [...sockets]) {
      const socket = this.io.of('/').sockets.get(id);
      if (!socket || !endCovers(end, socket.data.principal)) continue;
      this.close(socket, end.reason, end.kind === 'key' ? keyEnded(end.reason) : `session ended (${end.reason}): run rtc login`);
    }
  }

  /** Closes every socket of this node whose session has ended meanwhile. */
  async sweep(): Promise<void> {
    for (const socket of [...this.io.of('/').sockets.values()]) {
      const principal = socket.data.principal;
      if (!principal) continue;
      if (principal.keyId) {
        if (!(await this.deps.keyGood(principal.keyId).catch(() => true))) this.close(socket, 'API key revoked', keyEnded('API key revoked or expired'));
        continue;
      }
      const why = this.deps.problemNow(principal);
      if (why) this.close(socket, why, `${why}: run rtc login`);
    }
  }

  stop(): void {
    this.expiry.stop();
  }

  private close(socket: RtcSocket, reason: string, message: string): void {
    if (!socket.connected) return;
    this.deps.log.debug({ socket: socket.id, user: socket.data.user.id, reason }, 'session ended: closing its socket');
    socket.emit('session_expired', { reason, message });
    socket.disconnect(true);
  }
}
