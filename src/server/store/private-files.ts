import { closeSync, fchmodSync, openSync, statSync } from 'node:fs';

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

/** The warning for exposed store files, with the command that fixes it: one line. */
export function exposedStoreWarning(exposed: readonly ExposedFile[]): string {
  const list = exposed.map(({ file, mode }) => `${file} (mode ${mode.toString(8).padStart(4, '0')})`).join(', ');
  return `other users can read ${list}, which hold every password hash: chmod 600 ${exposed.map(({ file }) => file).join(' ')}`;
}
