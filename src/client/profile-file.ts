/**
 * The profiles file on disk: parsed strictly, written atomically (temp file + rename, mode 0600),
 * and changed only under a lock so that concurrent `rtc login`s never lose each other's profile.
 * A backup of the last good content (`profiles.json.bak`) is kept beside it.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { RtcError } from '../protocol/errors.js';
import type { User } from '../protocol/model.js';
import { checkConfigFolder } from './trusted-config.js';

/**
 * A saved login. `token` is an access token (or an API key); `refreshToken` and `expiresAt` (ISO-8601,
 * when the access token ends) are there for a password login, whose session the client renews.
 */
export interface Profile {
  server: string;
  token: string;
  refreshToken?: string | undefined;
  expiresAt?: string | undefined;
  user: User;
  savedAt: string;
}

/** What profiles.json holds: profiles by name. */
export type ProfileFile = { profiles: Record<string, Profile> };

/** What a locked change did when it had to repair a damaged file. */
export interface Repair {
  /** Where the damaged file was kept. */
  brokenCopy: string;
  /** What the repaired file started from. */
  from: 'backup' | 'empty';
}

/** Thrown (as UNAUTHENTICATED, exit 4: the saved login cannot be used) when profiles.json does not parse. */
export function damagedError(path: string, detail: string): RtcError {
  return new RtcError(
    'UNAUTHENTICATED',
    `${path} is damaged (${detail}): run rtc login to repair it (it starts again from ${path}.bak, the last good copy, and keeps the damaged file)`,
  );
}

type Parsed = { ok: true; file: ProfileFile } | { ok: false; detail: string } | { ok: false; missing: true };

/** Reads and checks one profiles file; a missing file is not an error. */
export function parseProfileFile(path: string): Parsed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true };
    return { ok: false, detail: (error as Error).message };
  }
  try {
    const value = JSON.parse(text) as unknown;
    const profiles = (value as Partial<ProfileFile> | null)?.profiles;
    if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) return { ok: false, detail: 'no "profiles" object' };
    return { ok: true, file: { profiles } };
  } catch (error) {
    return { ok: false, detail: text.length === 0 ? 'empty file' : (error as Error).message };
  }
}

/** The profiles of `path`: {} when it does not exist; throws the damaged error when it does not parse. */
export function readProfileFile(path: string): ProfileFile {
  const parsed = parseProfileFile(path);
  if (parsed.ok) return parsed.file;
  if ('missing' in parsed) return { profiles: {} };
  throw damagedError(path, parsed.detail);
}

/** Writes `text` to `path` so that readers see the old or the new content, never a part (mode 0600). */
export function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/**
 * Runs read-modify-write of the profiles file under a lock (`profiles.json.lock`, a directory that
 * proper-lockfile creates and refreshes; a lock left by a killed process is taken over after 10 s).
 * With `repair`, a damaged file is moved aside to `profiles.json.broken-TIME` and the change starts
 * from the backup (or from nothing); without it, a damaged file throws the damaged error.
 * Errors: the damaged error; RtcError BAD_REQUEST when the folder or file is not the user's alone
 * (trusted-config.ts); RtcError UNAVAILABLE (exit 8) when the lock cannot be had within about 10 s.
 */
export async function changeProfileFile(
  dir: string,
  change: (file: ProfileFile) => ProfileFile,
  options: { repair?: boolean } = {},
): Promise<{ path: string; repaired?: Repair }> {
  const path = `${dir}/profiles.json`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // After mkdir, so that a new folder is judged too (where it was made matters: its parents).
  checkConfigFolder(dir);
  const { default: lockfile } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      lockfilePath: `${path}.lock`,
      stale: 10_000,
      retries: { retries: 200, factor: 1.3, minTimeout: 5, maxTimeout: 100, randomize: true },
    });
  } catch (error) {
    // UNAVAILABLE (exit 8): the profiles cannot take the write now, as a busy store cannot; trying later works.
    throw RtcError.unavailable(`cannot lock ${path} (${(error as Error).message}): another rtc is saving a login`, {
      hint: `try again; if no other rtc runs, remove ${path}.lock`,
      cause: error,
    });
  }
  try {
    const parsed = parseProfileFile(path);
    let current: ProfileFile;
    let repaired: Repair | undefined;
    if (parsed.ok) current = parsed.file;
    else if ('missing' in parsed) current = { profiles: {} };
    else {
      if (!options.repair) throw damagedError(path, parsed.detail);
      const backup = parseProfileFile(`${path}.bak`);
      const brokenCopy = `${path}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, brokenCopy);
      current = backup.ok ? backup.file : { profiles: {} };
      repaired = { brokenCopy, from: backup.ok ? 'backup' : 'empty' };
    }
    const text = JSON.stringify(change(current), null, '\t');
    writeAtomically(path, text);
    // The backup is the last content written whole, for the day something else cuts the file short.
    writeAtomically(`${path}.bak`, text);
    return repaired ? { path, repaired } : { path };
  } finally {
    await release();
  }
}
