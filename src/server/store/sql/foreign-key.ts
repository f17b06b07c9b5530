/**
 * Whether a write failed on a foreign key: a new order's row names a restaurant that does not exist.
 * SQLite (better-sqlite3) and PostgreSQL (pg) say so with different codes.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
