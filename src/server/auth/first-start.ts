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

/** Who the first superadmin will be: `RTC_ADMIN_USERNAME` (default admin) and `RTC_ADMIN_PASSWORD` when given. */
export interface FirstSuperadminPlan {
  username: string;
  given?: string | undefined;
}

/**
 * Reads and checks the first superadmin's name and password from the environment, before anything
 * is made: a start that is going to fail must fail before a user exists. Throws BAD_REQUEST for a
 * bad username or a password shorter than 8 characters.
 */
export function firstSuperadminPlan(env: NodeJS.ProcessEnv = process.env): FirstSuperadminPlan {
  const username = env.RTC_ADMIN_USERNAME || 'admin';
  if (!usernameSchema.safeParse(username).success) {
    throw new RtcError('BAD_REQUEST', `RTC_ADMIN_USERNAME "${username}" is not a username: 1-64 of a-z, 0-9, ".", "_" and "-"`);
  }
  const given = env.RTC_ADMIN_PASSWORD || undefined;
  if (given !== undefined && given.length < PASSWORD_MIN) {
    throw new RtcError('BAD_REQUEST', `RTC_ADMIN_PASSWORD must be at least ${PASSWORD_MIN} characters; unset it to have one generated`);
  }
  return { username, given };
}

/**
 * On a store without any user, makes the first superadmin of the plan: password given, else
 * generated (never a fixed default). Answers undefined when the store has users (or another node
 * made the superadmin first). The server calls it only once it listens, so that the password it
 * prints belongs to a server that runs (a start that fails on a busy port leaves no user behind).
 */
export async function ensureFirstSuperadmin(store: Store, plan: FirstSuperadminPlan): Promise<FirstSuperadmin | undefined> {
  if ((await store.countUsers()) > 0) return undefined;
  const password = plan.given ?? generatePassword();
  const created = await store.createUser({ username: plan.username, role: 'superadmin', restaurantId: null, ...(await hashPassword(password)) });
  if (!created) return undefined;
  return plan.given === undefined ? { username: plan.username, password } : { username: plan.username };
}
