import { parseStatusInput } from '../../../domain/status-input.js';
import { RtcError } from '../../../protocol/errors.js';
import { STATUSES, type Status } from '../../../protocol/status.js';

export function statusFlag(text: string | undefined, flag: string): Status | undefined {
  if (text === undefined) return undefined;
  const status = parseStatusInput(text);
  if (!status) {
    const forms = STATUSES.map((s) => s.toLowerCase().replace(/ /g, '-')).join(', ');
    throw new RtcError('BAD_REQUEST', `${flag} "${text}" is not a status: use one of ${forms}`);
  }
  return status;
}
