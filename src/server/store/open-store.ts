import { RtcError } from '../../protocol/errors.js';
import { createPrivateDatabase } from './private-files.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * The store a node runs on: a postgres:// URL opens the shared PostgreSQL store (loaded only then),
 * anything else is an SQLite file (made 0600 when new, so its -wal and -shm are 0600 too).
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(location);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new RtcError('BAD_REQUEST', `unknown store ${location}: use a postgres:// URL, or an SQLite file with --db`);
  }
  createPrivateDatabase(location);
  return SqliteStore.open(location);
}
