import { toRtcError } from '../../protocol/errors.js';

/** One short line for the message bar when the server (or the network) says no to a bump or a cancel. */
export function describeRefusal(action: string, orderId: string, error: unknown): string {
  const rtcError = toRtcError(error);
  switch (rtcError.code) {
    case 'CONFLICT':
      return `${action} ${orderId} refused: someone changed it first (${conflictFacts(rtcError.message)}); nothing was done`;
    case 'RATE_LIMITED':
      return `${action} ${orderId} refused: too many requests, try again in ${rtcError.retryAfter ?? 1} s`;
    case 'FORBIDDEN':
      return `${action} ${orderId} refused: your login may not do that (${rtcError.message})`;
    case 'UNREACHABLE':
      return `${action} ${orderId} not sent: offline, try again once the header says connected`;
    case 'UNAVAILABLE':
      return `${action} ${orderId} not saved: the server's store cannot take writes now (${rtcError.message})`;
    case 'INVALID_TRANSITION':
      return `${action} ${orderId} refused: ${rtcError.message}`;
    default:
      return `${action} ${orderId} failed: ${rtcError.message}`;
  }
}

/**
 * What a CONFLICT says beyond "someone changed it first": the server's words are for a command line
 * ("...: someone changed it first; refresh and try again"), but a live board already shows the
 * ticket as it is now, and the line says "someone changed it first" itself. `order is X, not Y`
 * becomes `it is X now, not Y`.
 */
function conflictFacts(message: string): string {
  const moved = /order is (.+?), not ([^:;]+)/.exec(message);
  if (moved) return `it is ${moved[1]} now, not ${moved[2]!.trim()}`;
  return message.replace(/[:;,]?\s*(?:someone changed it first|refresh and try again)/gi, '').trim() || 'it changed meanwhile';
}
