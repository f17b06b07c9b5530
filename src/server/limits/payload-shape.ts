import { RtcError } from '../../protocol/errors.js';
import { LIMITS } from '../../protocol/schemas.js';

export interface PayloadBounds {
  /** Size of the payload as JSON, in bytes (strings counted in UTF-16 units, like JSON.stringify's length). */
  maxBytes: number;
  /** Nesting of arrays and objects; the contract's payloads are at most 4 deep. */
  maxDepth: number;
}

export const PAYLOAD_BOUNDS: PayloadBounds = { maxBytes: LIMITS.bodyBytes, maxDepth: 32 };

/**
 * Checks a client's payload against size and depth bounds without recursion (a recursive walk, or
 * JSON.stringify, overflows the stack on a payload nested 5,000 deep). Stops at the first bound
 * crossed; throws BAD_REQUEST.
 */
export function checkPayloadShape(payload: unknown, bounds: PayloadBounds = PAYLOAD_BOUNDS): void {
  const stack: [unknown, number][] = [[payload, 0]];
  let bytes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') bytes += value.length + 2;
    else if (value === null || typeof value !== 'object') bytes += String(value).length;
    else {
      if (depth >= bounds.maxDepth) throw new RtcError('BAD_REQUEST', `payload is nested deeper than ${bounds.maxDepth} levels`);
      bytes += 2;
      if (Array.isArray(value)) {
        for (const item of value) stack.push([item, depth + 1]);
        bytes += value.length;
      } else {
        for (const key of Object.keys(value)) {
          bytes += key.length + 4;
          stack.push([(value as Record<string, unknown>)[key], depth + 1]);
        }
      }
    }
    if (bytes > bounds.maxBytes) throw new RtcError('BAD_REQUEST', `payload is over the limit of ${bounds.maxBytes} bytes`);
  }
}
