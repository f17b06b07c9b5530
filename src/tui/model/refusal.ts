import { toRtcError } from '../../protocol/errors.js';

/** One short line for the message bar when the server (or the network) says no to a bump or a cancel. */
export function describeRefusal(action: string, orderId: string, error: unknown): string {
  const rtcError = toRtcError(error);
  switch (rtcError.code) {
    case 'CONFLICT':
      return `${action} ${orderId} refused: someone changed it first (${rtcError.message})`;
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
