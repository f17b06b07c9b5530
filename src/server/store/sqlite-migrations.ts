import type Database from 'better-sqlite3';
import { revokeUnboundKeys } from './sql/accounts.js';

/**
 * Versioned by PRAGMA user_version: migration N brings a database from version N-1 to N.
 * Append new migrations; never edit a released one, so an old database opens with a new release.
 */
export const SQLITE_MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) => {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE restaurants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0
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
        restaurant_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        order_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('OrderCreated', 'OrderStatusChanged')),
        from_status TEXT,
        to_status TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT,
        timestamp TEXT NOT NULL,
        details TEXT,
        PRIMARY KEY (restaurant_id, seq),
        UNIQUE (order_id, version)
      ) WITHOUT ROWID;
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        restaurant_id TEXT NOT NULL REFERENCES restaurants(id),
        customer_id TEXT,
        customer_name TEXT NOT NULL,
        items TEXT NOT NULL,
        amount REAL NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX orders_by_restaurant_status ON orders (restaurant_id, status);
      CREATE INDEX orders_by_customer ON orders (customer_id);
    `);
  },
  // 2: accounts (disabled, a session generation per user), login sessions with their refresh tokens, API keys.
  (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN token_gen INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
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
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER
      );
    `);
  },
  // 3: recall (OrderStatusRecalled) and an order's note. SQLite cannot alter a CHECK constraint, so the
  // events table is rebuilt with the same rows; the append-only triggers go first (so that dropping
  // the old table deletes nothing through them) and are made again on the new table.
  (db) => {
    db.exec(`
      DROP TRIGGER events_append_only_update;
      DROP TRIGGER events_append_only_delete;
      CREATE TABLE events_v2 (
        restaurant_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        order_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('OrderCreated', 'OrderStatusChanged', 'OrderStatusRecalled')),
        from_status TEXT,
        to_status TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT,
        timestamp TEXT NOT NULL,
        details TEXT,
        PRIMARY KEY (restaurant_id, seq),
        UNIQUE (order_id, version)
      ) WITHOUT ROWID;
      INSERT INTO events_v2 (restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp, details)
        SELECT restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp, details FROM events;
      DROP TABLE events;
      ALTER TABLE events_v2 RENAME TO events;
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      ALTER TABLE orders ADD COLUMN note TEXT;
    `);
  },
  // 4: API keys are bounded by their maker. Keys are found by who made them (a user removed, disabled
  // or changed takes theirs along), and the keys earlier releases let outlive or out-rank their
  // maker are revoked now: those a key made, and those of a user who is gone, disabled, or no longer
  // of the role and restaurant to make them.
  (db) => {
    db.exec('CREATE INDEX api_keys_by_creator ON api_keys (created_by)');
    db.prepare(revokeUnboundKeys('?')).run(Date.now());
  },
];
