import { createHash, randomBytes } from 'node:crypto';

/** An opaque random token: `prefix` then 32 random bytes in base64url (43 characters). */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** A short random id (base64url of `bytes` random bytes) for sessions and keys. */
export function randomId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}

/** What the store keeps of a refresh token or an API key: its sha256, in hex. The token itself is never stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A generated password: 18 random bytes, 24 characters of base64url; shown once, never logged. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
