import { closeSync, fchmodSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { untrustedFile, untrustedFolder, type PathRefusal } from '../../lib/private-path.js';
import { RtcError } from '../../protocol/errors.js';

/** A store file that users other than its owner can read or write, and its mode bits (e.g. 0o644). */
export interface ExposedFile {
  file: string;
  mode: number;
}

/** The files of an SQLite store: the database, its write-ahead log and its shared-memory index. */
export function sqliteFiles(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`];
}

const inMemory = (dbPath: string) => dbPath === ':memory:' || dbPath === '';

/**
 * Creates the SQLite database file empty with mode 0600 when there is none, before SQLite opens it:
 * SQLite then gives `-wal` and `-shm` the database's mode, so every file that holds a password hash
 * is the owner's alone, whatever the umask. An existing file is left as it is. Best effort: when the
 * file cannot be made (no such folder, no permission), SQLite's own open fails and says why.
 */
export function createPrivateDatabase(dbPath: string): void {
  if (inMemory(dbPath)) return;
  let fd: number;
  try {
    fd = openSync(dbPath, 'wx', 0o600);
  } catch {
    return;
  }
  try {
    // The mode given to open is masked by the umask; this is not.
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
}

/**
 * The existing files of an SQLite store (database, -wal, -shm) that group or others can read or write:
 * what to warn about at start. Empty for `:memory:` and for a store not made yet. On Windows there are
 * no Unix mode bits, and it is always empty.
 */
export function exposedStoreFiles(dbPath: string): ExposedFile[] {
  if (inMemory(dbPath) || process.platform === 'win32') return [];
  const exposed: ExposedFile[] = [];
  for (const file of sqliteFiles(dbPath)) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if (mode & 0o077) exposed.push({ file, mode });
  }
  return exposed;
}

/** The warning for exposed store files, with the command that fixes it: one line, saying "read and write" of a file others can write. */
export function exposedStoreWarning(exposed: readonly ExposedFile[]): string {
  const list = exposed.map(({ file, mode }) => `${mode & 0o022 ? 'read and write' : 'read'} ${file} (mode ${mode.toString(8).padStart(4, '0')})`).join(', ');
  return `other users can ${list}, which hold every password hash: chmod 600 ${exposed.map(({ file }) => file).join(' ')}`;
}

/**
 * Refuses, before anything is opened or made, an SQLite store whose files others could have planted
 * or can swap (ssh's StrictModes, for the store): `dbPath` itself a symbolic link (even a dangling
 * one, which SQLite would follow to create the database elsewhere); its folder not this user's alone
 * (lib/private-path.ts untrustedFolder: owned by another user, or writable by group or others, sticky
 * or not); the database, `-wal`, `-shm` or `.lock` a link, not a regular file, or owned by another
 * user (a planted `-wal` replaces the store's content). The token secret has its own check
 * (auth/jwt-secret.ts). Nothing for `:memory:`, and nothing on Windows.
 * @throws RtcError BAD_REQUEST (exit 2) naming the path and the fix.
 */
export function checkStoreFiles(dbPath: string): void {
  if (inMemory(dbPath)) return;
  const refusal =
    untrustedFile(dbPath, 'the database') ??
    untrustedFolder(dirname(dbPath)) ??
    [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.lock`].map((file) => untrustedFile(file, 'the store file')).find(Boolean);
  if (refusal) throw refusedStore(refusal);
}

function refusedStore({ problem, fix }: PathRefusal): RtcError {
  return RtcError.badRequest(`${problem}; rtc will not trust the store there`, { hint: fix });
}
