import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envBoolean } from '../src/cli/program/env-boolean.js';
import { rtc } from './helpers/cli.js';
import { spawnServe } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

// RTC_DEMO and RTC_SIMULATE are read as on/off switches, the way an owner writes them in
// /etc/rtc/rtc.env; and demo users (password = username) never go into a store that holds anyone else.
const dir = tempDir('rtc-demo-guard-');
afterAll(() => removeDir(dir));

let serial = 0;
const freshDb = () => join(dir, `store-${++serial}.db`);
const noAdminEnv = { RTC_ADMIN_PASSWORD: undefined, RTC_ADMIN_USERNAME: undefined, RTC_JWT_SECRET: undefined };
const loginStatus = async (url: string, username: string, password = username) =>
  (await api(url, 'POST', '/api/auth/login', { body: { username, password } })).status;
const usersOf = (db: string): string[] => {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare('SELECT id FROM users ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    raw.close();
  }
};

describe('boolean RTC_* variables', () => {
  it('read unset, empty, 0, false, no and off as off; 1, true, yes and on as on (any case, spaces around); refuse anything else', () => {
    for (const off of [undefined, '', '0', 'false', 'no', 'off', 'FALSE', ' Off ', 'No']) expect(envBoolean('RTC_DEMO', { RTC_DEMO: off }), String(off)).toBe(false);
    for (const on of ['1', 'true', 'yes', 'on', 'TRUE', ' Yes ', 'On']) expect(envBoolean('RTC_DEMO', { RTC_DEMO: on }), on).toBe(true);
    for (const wrong of ['maybe', '2', 'enabled', 'y', 'n', '-1', 'true!']) {
      expect(() => envBoolean('RTC_DEMO', { RTC_DEMO: wrong }), wrong).toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/RTC_DEMO.*1, true, yes or on.*0, false, no, off or empty/) }),
      );
    }
  });

  for (const value of ['false', '0', '', 'no', 'off']) {
    it(`RTC_DEMO=${JSON.stringify(value)} is off: a first start makes the superadmin, no demo user exists`, async () => {
      const db = freshDb();
      const serve = await spawnServe(['--db', db], { ...noAdminEnv, RTC_DEMO: value });
      try {
        expect(serve.stderr()).toContain('first start: made the superadmin "admin"');
        expect(await loginStatus(serve.url, 'super')).toBe(401);
      } finally {
        await serve.stop();
      }
      expect(usersOf(db)).toEqual(['admin']);
    }, 30_000);
  }

  for (const value of ['true', 'on']) {
    it(`RTC_DEMO=${value} is on`, async () => {
      const serve = await spawnServe(['--db', freshDb()], { ...noAdminEnv, RTC_DEMO: value });
      try {
        expect(await loginStatus(serve.url, 'chef')).toBe(200);
      } finally {
        await serve.stop();
      }
    }, 30_000);
  }

  it('RTC_DEMO or RTC_SIMULATE with another value is a usage error naming the accepted values, before any store is made', async () => {
    for (const env of [{ RTC_DEMO: 'maybe' }, { RTC_DEMO: 'maybe', RTC_SIMULATE: '5' }, { RTC_DEMO: '1', RTC_SIMULATE: 'lots' }]) {
      const db = freshDb();
      const refused = await rtc(['serve', '--port', '0', '--db', db], { env: { ...noAdminEnv, ...env } });
      expect(refused.code, JSON.stringify(env)).toBe(2);
      expect(refused.stderr).toMatch(/^rtc: RTC_(DEMO|SIMULATE)="(maybe|lots)" .*1, true, yes or on.*0, false, no, off or empty.* \[BAD_REQUEST\]\n$/);
      expect(existsSync(db)).toBe(false);
    }
  }, 60_000);

  it('RTC_SIMULATE=false (or 0, or empty) is off, and needs no demo', async () => {
    for (const value of ['false', '0', '']) {
      const serve = await spawnServe(['--db', freshDb()], { ...noAdminEnv, RTC_SIMULATE: value });
      await serve.stop();
    }
    const serve = await spawnServe(['--db', freshDb()], { ...noAdminEnv, RTC_DEMO: 'yes', RTC_SIMULATE: 'on' });
    await serve.stop();
  }, 60_000);
});

describe('--demo on a store with other users', () => {
  it('is refused (exit 2, with the hint to use a new --db) and adds nobody; a demo store starts again in demo mode', async () => {
    const db = freshDb();
    const real = await spawnServe(['--db', db], noAdminEnv);
    await real.stop();
    expect(usersOf(db)).toEqual(['admin']);

    for (const how of [{ args: ['--demo'], env: {} }, { args: [], env: { RTC_DEMO: '1' } }]) {
      const refused = await rtc(['serve', '--port', '0', '--db', db, ...how.args], { env: { ...noAdminEnv, ...how.env } });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/has users other than the demo users \(admin\).*use a new --db for the demo/);
      expect(usersOf(db)).toEqual(['admin']);
    }

    const demoDb = freshDb();
    for (let i = 0; i < 2; i++) {
      const demo = await spawnServe(['--demo', '--db', demoDb], noAdminEnv);
      expect(await loginStatus(demo.url, 'super')).toBe(200);
      await demo.stop();
    }
  }, 90_000);
});
