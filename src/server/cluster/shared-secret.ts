import { RtcError } from '../../protocol/errors.js';

/**
 * Nodes on one shared store hand out tokens that any of them must accept, so they cannot each make
 * a secret of their own: they must be given the same one.
 */
export function requireSharedJwtSecret(env: NodeJS.ProcessEnv = process.env): void {
  if (env.RTC_JWT_SECRET) return;
  throw new RtcError(
    'BAD_REQUEST',
    'a PostgreSQL store is shared by several nodes, which must sign tokens with one secret',
    { hint: 'set RTC_JWT_SECRET to the same long random string on every node (e.g. openssl rand -hex 32)' },
  );
}
