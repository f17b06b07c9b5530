import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, fstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { untrustedStat } from '../../lib/private-path.js';
import { RtcError } from '../../protocol/errors.js';

/** HS256 is as strong as its key: a shorter secret can be guessed (a 1-byte one fell in 76 tries). */
export const MIN_SECRET_BYTES = 32;

const MAKE_ONE = `set RTC_JWT_SECRET to ${MIN_SECRET_BYTES}+ random bytes (e.g. openssl rand -base64 48)`;

/**
 * RTC_JWT_SECRET as key bytes (its UTF-8), or undefined when it is unset or empty.
 * @throws RtcError BAD_REQUEST (exit 2) when it is shorter than MIN_SECRET_BYTES.
 */
export function jwtSecretFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array | undefined {
  const fromEnv = env.RTC_JWT_SECRET;
  if (!fromEnv) return undefined;
  const secret = new TextEncoder().encode(fromEnv);
  if (secret.length < MIN_SECRET_BYTES) {
    throw new RtcError('BAD_REQUEST', `RTC_JWT_SECRET is ${secret.length} bytes, and a token secret needs at least ${MIN_SECRET_BYTES}: ${MAKE_ONE}`);
  }
  return secret;
}

/**
 * The key that signs access tokens. RTC_JWT_SECRET wins; otherwise a secret made once and kept beside
 * the database in `PATH.jwt-secret` (64 hex digits, mode 0600), so that tokens stay valid across a
 * restart. An in-memory store gets a fresh one per process.
 * @throws RtcError BAD_REQUEST (exit 2), saying what to do, for a short RTC_JWT_SECRET, or a secret
 *   file that is empty, malformed, short, not a regular file, open to group or others, or owned by
 *   another user (planted: whoever wrote it can forge tokens).
 */
export function loadJwtSecret(dbPath: string, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = jwtSecretFromEnv(env);
  if (fromEnv) return fromEnv;
  if (dbPath === ':memory:') return randomBytes(MIN_SECRET_BYTES);
  const file = `${dbPath}.jwt-secret`;
  const existing = readSecretFile(file);
  if (existing) return existing;
  const secret = randomBytes(MIN_SECRET_BYTES);
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  // The mode above is masked by the umask; 0600 is what is meant whatever the umask.
  chmodSync(file, 0o600);
  return secret;
}

/** The secret in `file`, checked; undefined when there is no such file. */
function readSecretFile(file: string): Uint8Array | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symbolic link planted in the secret's place is refused, not followed.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw refused(file, 'is a symbolic link, not the file rtc wrote');
    throw new RtcError('BAD_REQUEST', `cannot read the token secret ${file} (${code ?? String(error)}): check its permissions, or ${MAKE_ONE}`, { cause: error });
  }
  try {
    checkOwnerAndMode(file, fd);
    const text = readFileSync(fd, 'utf8').trim();
    if (text === '') throw refused(file, 'is empty');
    if (!/^(?:[0-9a-f]{2})+$/i.test(text)) throw refused(file, 'does not hold a secret as rtc writes it (hex digits)');
    const secret = Buffer.from(text, 'hex');
    if (secret.length < MIN_SECRET_BYTES) throw refused(file, `holds a ${secret.length}-byte secret, and a token secret needs at least ${MIN_SECRET_BYTES}`);
    return secret;
  } finally {
    closeSync(fd);
  }
}

function checkOwnerAndMode(file: string, fd: number): void {
  const stat = fstatSync(fd);
  if (!stat.isFile()) throw refused(file, 'is not a regular file');
  // Windows has no owner uid or Unix mode bits to check.
  if (process.platform === 'win32') return;
  // The same owner rule as every file rtc trusts (lib/private-path.ts), on the descriptor it reads.
  const foreign = untrustedStat(stat, file, 'the token secret');
  if (foreign) throw new RtcError('BAD_REQUEST', `${foreign.problem}, and could forge tokens with it: delete it and rtc makes a new one, or ${MAKE_ONE}`);
  const mode = stat.mode & 0o777;
  if (mode & 0o077) {
    throw new RtcError(
      'BAD_REQUEST',
      `the token secret ${file} is open to other users (mode ${mode.toString(8).padStart(4, '0')}), who could forge tokens with it: chmod 600 ${file} (or delete it, and rtc makes a new one, if someone may have read it)`,
    );
  }
}

function refused(file: string, what: string): RtcError {
  return new RtcError(
    'BAD_REQUEST',
    `the token secret ${file} ${what}: delete it and rtc makes a new one (tokens signed with the old one stop working), or ${MAKE_ONE}`,
  );
}
