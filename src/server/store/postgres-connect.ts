import pg from 'pg';
import { RtcError } from '../../protocol/errors.js';
import { redactedUrl } from '../../protocol/redacted-url.js';


const INT8 = 20;

/**
 * A pool whose BIGINT columns (seq, counts) come back as numbers: seqs stay far below 2^53, and the
 * contract's events carry numbers, not strings.
 */
export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as never },
  });
  // An idle connection that dies (server restart) is reported here; the next query gets a fresh one.
  pool.on('error', () => {});
  return pool;
}

/** Turns pg's failures at open time into a message that names the server and what to check. */
export function connectError(url: string, error: unknown): RtcError {
  if (error instanceof RtcError) return error;
  const where = redactedUrl(url);
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /timeout/i.test(detail)) {
    return new RtcError('UNREACHABLE', `cannot connect to PostgreSQL at ${where} (${code || detail}): is PostgreSQL running there? Check --store`, {
      cause: error,
    });
  }
  if (code === '3D000') return new RtcError('BAD_REQUEST', `${detail} at ${where}: create it first (createdb NAME) or fix --store`, { cause: error });
  if (code === '28P01' || code === '28000') {
    return new RtcError('BAD_REQUEST', `PostgreSQL refused the login at ${where} (${detail}): check the user and password in --store`, { cause: error });
  }
  return new RtcError('INTERNAL', `cannot open the PostgreSQL store at ${where}: ${detail}`, { cause: error });
}
