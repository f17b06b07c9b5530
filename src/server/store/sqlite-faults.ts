import { RtcError } from '../../protocol/errors.js';
import { findLockHolder } from './lock-holder.js';

/** SQLite's error code of a better-sqlite3 failure (`SQLITE_BUSY`, `SQLITE_IOERR_WRITE`, ...), or ''. */
export function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : '';
}

/** Another connection holds the write lock: worth trying again in a moment. */
export function isLockBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** The message for a write refused because another process holds the lock, naming it when the system can. */
export function lockedFault(path: string, error?: unknown): RtcError {
  const holder = path === ':memory:' ? undefined : findLockHolder([path, `${path}-shm`, `${path}-wal`]);
  const who = holder ? `another process (pid ${holder.pid}${holder.command ? `: ${holder.command}` : ''})` : 'another process';
  return RtcError.unavailable(`the write lock of ${path} is held by ${who}; nothing was written`, {
    hint: 'stop that process or wait for it to finish, then retry',
    retryAfter: 1,
    cause: error,
  });
}

/**
 * The contract's UNAVAILABLE for a failure of the store's file (locked, full, read-only, gone, damaged),
 * with its cause and the next step; undefined for anything else (a bug, or a refusal of the domain).
 * `path` names the file in the message ("the store" when unknown).
 */
export function storeFault(error: unknown, path = 'the store'): RtcError | undefined {
  if (error instanceof RtcError) return error.code === 'UNAVAILABLE' ? error : undefined;
  const code = sqliteCode(error);
  if (!code) return undefined;
  const detail = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  const fault = (message: string, hint: string) => RtcError.unavailable(message, { hint, cause: error });
  if (isLockBusy(error)) return lockedFault(path, error);
  if (code === 'SQLITE_FULL') return fault(`the disk holding ${path} is full (${detail}); what was written before is intact`, 'free some space, then retry');
  if (code.startsWith('SQLITE_READONLY')) {
    return fault(`${path} is read-only (${detail})`, "make the file and its folder writable by the server's user, then restart rtc serve");
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return fault(`cannot write ${path} (${detail})`, 'check the disk, and that the file and its folder still exist and are writable');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return fault(`${path} is damaged (${detail})`, `stop rtc serve, run rtc admin verify --db ${path}, and restore the last backup`);
  }
  return undefined;
}
