import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RtcError } from '../../protocol/errors.js';
import { newEpoch } from './epoch.js';
import { checkStoreFiles } from './private-files.js';

/** What `rtc admin backup` wrote. */
export interface BackupResult {
  db: string;
  to: string;
  bytes: number;
  orders: number;
  events: number;
}

/**
 * A consistent copy of the SQLite store at `db` into `to` (a new file, mode 0600), safe while a server
 * writes to it: SQLite's online backup API copies the pages of one read snapshot (never a file copy,
 * which tears a live WAL database). The copy is a single file (journal mode DELETE, no -wal beside it)
 * that passed quick_check. The copy gets an epoch of its own: once restored, clients that saw the
 * live store after the copy was taken must drop their state and reload, not wait for seqs that the
 * restored store will number again with other events. Refuses a store others could have planted
 * (checkStoreFiles). Throws NOT_FOUND without a database at `db`, BAD_REQUEST when `to` exists
 * (unless `overwrite`) or is `db`, UNAVAILABLE when the copy cannot be written.
 */
export async function backupStore(db: string, to: string, options: { overwrite?: boolean } = {}): Promise<BackupResult> {
  if (!existsSync(db)) throw new RtcError('NOT_FOUND', `no database at ${db}: check --db`);
  checkStoreFiles(db);
  if (existsSync(to) && realpathSync(to) === realpathSync(db)) throw new RtcError('BAD_REQUEST', `--to ${to} is the database itself: pick another file`);
  if (existsSync(to) && !options.overwrite) throw new RtcError('BAD_REQUEST', `${to} exists: pick a new file, or pass --force to replace it`);
  if (!existsSync(dirname(to))) throw new RtcError('BAD_REQUEST', `the folder of ${to} does not exist: create it first`);

  // Written under a temporary name, created empty with mode 0600 before any page is in it, then renamed.
  const partial = `${to}.partial-${process.pid}`;
  // 'wx': never through a link or into a file someone else made under that name.
  closeSync(openSync(partial, 'wx', 0o600));
  const source = new Database(db, { readonly: true, fileMustExist: true });
  try {
    // After the first step, everything in one step: one read snapshot, never restarted by a writer.
    await source.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      copy.prepare("UPDATE meta SET value = ? WHERE key = 'epoch'").run(newEpoch());
      const integrity = copy.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new RtcError('INTERNAL', `the copy failed its check (${String(integrity)}): run rtc admin verify --db ${db}`);
      const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      const result = { db, to, bytes: 0, orders: count('orders'), events: count('events') };
      copy.close();
      chmodSync(partial, 0o600);
      renameSync(partial, to);
      return { ...result, bytes: statSync(to).size };
    } finally {
      if (copy.open) copy.close();
    }
  } catch (error) {
    if (error instanceof RtcError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new RtcError('BAD_REQUEST', `${db} is not an SQLite database: check --db`, { cause: error });
    const detail = error instanceof Error ? error.message : String(error);
    throw new RtcError('UNAVAILABLE', `cannot back up ${db} to ${to} (${detail}): check the space and permissions of the target folder`, { cause: error });
  } finally {
    source.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
