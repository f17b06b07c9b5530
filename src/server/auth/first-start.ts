import { PASSWORD_MIN, usernameSchema } from '../../protocol/account-schemas.js';
import { RtcError } from '../../protocol/errors.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './passwords.js';
import { generatePassword } from './secrets.js';

/** The first superadmin made on a store without users; `password` only when it was generated (to be shown once). */
export interface FirstSuperadmin {
  username: string;
  password?: string;
}

/**
 * On a store without any user, makes the first superadmin: `RTC_ADMIN_USERNAME` (default admin),
 * password from `RTC_ADMIN_PASSWORD`, else generated. Never a fixed default. Answers undefined when
 * the store has users (or another node made the superadmin first). Throws BAD_REQUEST for a bad
 * username or a password shorter than 8 characters.
 */
export async function ensureFirstSuperadmin(store: Store, env: NodeJS.ProcessEnv = process.env): Promise<FirstSuperadmin | undefined> {
  if ((await store.countUsers()) > 0) return undefined;
  const username = env.RTC_ADMIN_USERNAME || 'admin';
  if (!usernameSchema.safeParse(username).success) {
    throw new RtcError('BAD_REQUEST', `RTC_ADMIN_USERNAME "${username}" is not a username: 1-64 of a-z, 0-9, ".", "_" and "-"`);
  }
  const given = env.RTC_ADMIN_PASSWORD || undefined;
  if (given !== undefined && given.length < PASSWORD_MIN) {
    throw new RtcError('BAD_REQUEST', `RTC_ADMIN_PASSWORD must be at least ${PASSWORD_MIN} characters; unset it to have one generated`);
  }
  const password = given ?? generatePassword();
  const created = await store.createUser({ username, role: 'superadmin', restaurantId: null, ...(await hashPassword(password)) });
  if (!created) return undefined;
  return given === undefined ? { username, password } : { username };
}
