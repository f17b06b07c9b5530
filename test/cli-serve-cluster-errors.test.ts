import { describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';

/** Each mistake in starting a node stops it at once, with the exit code of its kind and what to do. */
const SHARED = 'shared-secret-of-this-cluster-0123456789';

describe('rtc serve refuses a cluster set-up it cannot run', () => {
  const serve = (args: string[], env: Record<string, string | undefined> = {}) =>
    rtc(['serve', '--port', '0', ...args], { env: { RTC_JWT_SECRET: undefined, ...env } });

  it('a PostgreSQL store without a shared token secret', async () => {
    const result = await serve(['--store', 'postgres://postgres@127.0.0.1:5432/postgres']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/set RTC_JWT_SECRET to the same long random string on every node/);
  });

  it('a Redis that is not there', async () => {
    const result = await serve(['--db', 'x.db', '--redis', 'redis://127.0.0.1:1'], { RTC_JWT_SECRET: SHARED });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/cannot connect to Redis at redis:\/\/127\.0\.0\.1:1 .*is redis-server running\?/);
  });

  it('a PostgreSQL that is not there, without showing its password', async () => {
    const result = await serve(['--store', 'postgres://rtc:hunter2@127.0.0.1:1/rtc'], { RTC_JWT_SECRET: SHARED });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/cannot connect to PostgreSQL at postgres:\/\/rtc:\*\*\*@127\.0\.0\.1:1\/rtc .*is PostgreSQL running there\?/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('flags that do not fit together', async () => {
    for (const args of [
      ['--store', 'mysql://db/rtc'],
      ['--store', 'postgres://db/rtc', '--db', 'rtc.db'],
      ['--db', ':memory:', '--redis', 'redis://127.0.0.1:6379'],
      ['--redis', '127.0.0.1:6379'],
      ['--tls-cert', 'server.pem'],
      ['--tls-cert', '/nonexistent/server.pem', '--tls-key', '/nonexistent/server.key'],
    ]) {
      const result = await serve(args, { RTC_JWT_SECRET: SHARED });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/--store|--db|--redis|--tls-/);
    }
  });
});
