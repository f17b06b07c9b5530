import { RtcError } from '../../../protocol/errors.js';
import { ROLES, type Role } from '../../../protocol/model.js';

/** A role as typed (any case), or BAD_REQUEST naming the roles there are. */
export function roleFlag(text: string): Role {
  const role = text.trim().toLowerCase();
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  throw RtcError.badRequest(`"${text}" is not a role`, { hint: `use one of ${ROLES.join(', ')}` });
}
