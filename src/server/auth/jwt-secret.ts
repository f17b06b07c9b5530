import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * RTC_JWT_SECRET wins; otherwise a secret made once and kept beside the database (mode 0600),
 * so that tokens stay valid across a restart. An in-memory store gets a fresh one per process.
 */
export function loadJwtSecret(dbPath: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = env.RTC_JWT_SECRET;
  if (fromEnv) return new TextEncoder().encode(fromEnv);
  if (dbPath === ':memory:') return randomBytes(32);
  const file = `${dbPath}.jwt-secret`;
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
