import { allowanceOf } from '../auth/principal.js';
import { RtcError } from '../../protocol/errors.js';
import type { Metrics } from '../metrics.js';
import type { RtcSocket } from '../realtime/types.js';
import type { RequestLimits } from './request-limits.js';

/**
 * Counts one socket request against the socket's own bucket (the contract's 30:10), then against its
 * user's limit across every socket, HTTP call and node. A refusal is announced with
 * `rate_limit_exceeded` and thrown as RATE_LIMITED with `retryAfter` (seconds), for the ack.
 */
export async function limitSocketRequest(socket: RtcSocket, event: string, limits: RequestLimits | undefined, metrics: Metrics): Promise<void> {
  const verdict = socket.data.bucket.take();
  let refusal: RtcError | undefined;
  if (!verdict.ok) {
    metrics.rateLimited.inc({ kind: 'socket' });
    refusal = RtcError.rateLimited('too many requests', verdict.retryAfter);
  } else if (limits) {
    try {
      await limits.forUser(allowanceOf(socket.data.principal));
    } catch (error) {
      if (!(error instanceof RtcError)) throw error;
      metrics.rateLimited.inc({ kind: 'user' });
      refusal = error;
    }
  }
  if (!refusal) return;
  socket.emit('rate_limit_exceeded', { event, retryAfter: refusal.retryAfter ?? 1 });
  throw refusal;
}
