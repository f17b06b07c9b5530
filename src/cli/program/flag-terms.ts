import { isRtcError, RtcError } from '../../protocol/errors.js';

/** A request body's field names and the flags that set them, e.g. `{ forSeconds: '--for' }`. */
export type FieldFlags = Readonly<Record<string, string>>;

/**
 * A BAD_REQUEST's message with the request fields it names written as the flags the user typed:
 * "forSeconds must be at most 3600" becomes "--for must be at most 3600", "give restaurantId" becomes
 * "give -r/--restaurant". Only a field where a field name stands (the start of the message or of a
 * "path: " part, after "give"/"leave", before "must"), so the same word in prose is left alone.
 * Other errors, and errors that are not RtcErrors, come back as they were.
 */
export function inFlagTerms(error: unknown, fields: FieldFlags): unknown {
  if (!isRtcError(error) || error.code !== 'BAD_REQUEST') return error;
  let message = error.message;
  for (const [field, flag] of Object.entries(fields)) {
    const at = new RegExp(`(^|: |\\b(?:give|leave) )${field}\\b(?![-\\w])|\\b${field}(?= must\\b)`, 'g');
    message = message.replace(at, (match, lead: string | undefined) => `${lead ?? ''}${flag}`);
  }
  // "--for: --for must be ..." (a path, then its message) says it once.
  message = message.replace(/([-\w/]+): \1 must\b/g, '$1 must');
  return message === error.message ? error : new RtcError(error.code, message, { hint: error.hint, retryAfter: error.retryAfter, cause: error });
}

/** The account fields (users and API keys) and their flags in `rtc user` and `rtc key`. */
export const ACCOUNT_FIELDS: FieldFlags = { restaurantId: '-r/--restaurant', role: '--role', expiresIn: '--expires', name: '--name' };

/** Awaits `request`; a BAD_REQUEST it fails with speaks of `fields` as their flags (`inFlagTerms`). */
export async function speakingFlags<T>(fields: FieldFlags, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw inFlagTerms(error, fields);
  }
}
