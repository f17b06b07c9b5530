import { existsSync } from 'node:fs';
import { RtcError } from '../../../protocol/errors.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export interface VerifyFlags {
  db: string;
}

/**
 * `rtc admin verify --db PATH`: exit 0 and a one-line summary when the store holds together; else each
 * problem on a line of stdout and exit 1 (`--json`: `{ok, restaurants, orders, events, problems, more}`).
 */
export async function run(flags: VerifyFlags & GlobalFlags): Promise<number> {
  if (!existsSync(flags.db)) throw new RtcError('NOT_FOUND', `no database at ${flags.db}: check --db`);
  const [{ default: Database }, { verifyStore }, { checkStoreFiles }] = await Promise.all([
    import('better-sqlite3'),
    import('../../../server/store/verify-store.js'),
    import('../../../server/store/private-files.js'),
  ]);
  // Read-only, but SQLite still reads a -wal beside the file: a planted one would be what is verified.
  checkStoreFiles(flags.db);
  let db;
  try {
    db = new Database(flags.db, { readonly: true, fileMustExist: true });
    db.pragma('schema_version'); // reads the header: a file that is not SQLite fails here
  } catch (error) {
    db?.close();
    throw new RtcError('BAD_REQUEST', `cannot read ${flags.db} as an SQLite database (${error instanceof Error ? error.message : String(error)}): check --db`);
  }
  let check;
  try {
    check = verifyStore(db);
  } catch (error) {
    throw new RtcError('BAD_REQUEST', `${flags.db} is not an rtc store (${error instanceof Error ? error.message : String(error)}): check --db`);
  } finally {
    db.close();
  }
  const ok = check.problems.length === 0;
  if (flags.json) {
    printJson({ ok, ...check });
  } else {
    const counts = `${check.restaurants} restaurants, ${check.orders} orders, ${check.events} events`;
    if (ok) printLine(`ok: ${flags.db}: ${counts}; every seq without holes, every order's versions 1..n, the read model equals the fold of its events`);
    else {
      for (const problem of check.problems) printLine(problem);
      if (check.more) printLine(`... and ${check.more} more`);
      process.stderr.write(`rtc: ${flags.db} fails its check (${counts}): ${check.problems.length + check.more} problems above; restore the last good backup (README "Backing up and restoring")\n`);
    }
  }
  return ok ? 0 : 1;
}
