import { RtcError } from '../../../protocol/errors.js';

/**
 * Refuses a database whose schema is at version `current` when this rtc knows `known` migrations:
 * a newer rtc wrote it, and an older one must not guess at it. `upgrade` says what to upgrade.
 * Throws RtcError BAD_REQUEST.
 */
export function assertSchemaKnown(current: number, known: number, upgrade = 'upgrade rtc'): void {
  if (current > known) {
    throw new RtcError('BAD_REQUEST', `database schema version ${current} is newer than this rtc understands (${known}): ${upgrade}`);
  }
}
