import type { PoolClient } from 'pg';
import { OPEN_STATUSES } from '../../protocol/status.js';
import { newEpoch } from './epoch.js';
import { revokeUnboundKeys } from './sql/accounts.js';
import { assertSchemaKnown } from './sql/schema-version.js';

/**
 * Versioned by the rtc_schema table: migration N brings a database from version N-1 to N.
 * Append new migrations; never edit a released one, so an old database opens with a new release.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE restaurants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('customer', 'staff', 'admin', 'superadmin')),
    restaurant_id TEXT REFERENCES restaurants(id),
    password_hash TEXT NOT NULL,
    salt TEXT NOT NULL
  );
  CREATE TABLE events (
    restaurant_id TEXT NOT NULL REFERENCES restaurants(id),
    seq BIGINT NOT NULL,
    order_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('OrderCreated', 'OrderStatusChanged')),
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    timestamp TIMESTAMPTZ NOT NULL,
    details JSONB,
    PRIMARY KEY (restaurant_id, seq),
    UNIQUE (order_id, version)
  );
  CREATE FUNCTION rtc_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'events are append-only'; END
  $$;
  CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION rtc_events_append_only();
  CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION rtc_events_append_only();
  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    restaurant_id TEXT NOT NULL REFERENCES restaurants(id),
    customer_id TEXT,
    customer_name TEXT NOT NULL,
    items JSONB NOT NULL,
    amount DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  );
  CREATE INDEX orders_by_restaurant_status ON orders (restaurant_id, status);
  CREATE INDEX orders_by_customer ON orders (customer_id);
  CREATE INDEX orders_open ON orders (restaurant_id) WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')});
  `,
  // 2: accounts (disabled, a session generation per user), login sessions with their refresh tokens, API keys.
  `
  ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN token_gen BIGINT NOT NULL DEFAULT 0;
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE INDEX sessions_by_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
  CREATE TABLE refresh_tokens (
    hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
  );
  CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
  CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('customer', 'staff', 'admin', 'superadmin')),
    restaurant_id TEXT REFERENCES restaurants(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT
  );
  `,
  // 3: recall (OrderStatusRecalled) and an order's note. Replacing the CHECK only reads the rows, so the
  // append-only triggers (UPDATE, DELETE, TRUNCATE) stay as they are.
  `
  ALTER TABLE events DROP CONSTRAINT events_type_check;
  ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN ('OrderCreated', 'OrderStatusChanged', 'OrderStatusRecalled'));
  ALTER TABLE orders ADD COLUMN note TEXT;
  `,
  // 4: API keys are bounded by their maker (as SQLite's migration 4 says).
  `
  CREATE INDEX api_keys_by_creator ON api_keys (created_by);
  ${revokeUnboundKeys('(extract(epoch from clock_timestamp()) * 1000)::bigint')};
  `,
];

/** Any 64-bit number will do; it only has to be the same on every node and unlikely to clash with another app's. */
const MIGRATION_LOCK = 0x72746373746f7265n; // "rtcstore"

/**
 * Brings the schema up to date and answers the store's epoch. Every node may run this at the same
 * moment: the advisory lock makes them take turns, so the migrations run once and one epoch is made.
 */
export async function migrate(client: PoolClient): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query('CREATE TABLE IF NOT EXISTS rtc_schema (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM rtc_schema');
    const current = rows[0]?.version ?? 0;
    assertSchemaKnown(current, POSTGRES_MIGRATIONS.length, 'upgrade rtc on every node');
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version]!);
      await client.query('INSERT INTO rtc_schema (version) VALUES ($1)', [version + 1]);
    }
    await client.query("INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [newEpoch()]);
    const epoch = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'");
    await client.query('COMMIT');
    return epoch.rows[0]!.value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
