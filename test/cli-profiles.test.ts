import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

let dir: string;
let serve: ServeProcess;
beforeAll(async () => {
  dir = tempDir();
  serve = await spawnServe(['--demo', '--db', ':memory:']);
});
afterAll(async () => {
  await serve.stop();
  removeDir(dir);
});

const login = (env: Record<string, string>, profile: string, user = 'chef') =>
  rtc(['--profile', profile, 'login', '--server', serve.url, '-u', user, '--password-stdin'], { env, input: user, timeoutMs: 60_000 });
const profilesIn = (config: string) => JSON.parse(readFileSync(join(config, 'profiles.json'), 'utf8')).profiles as Record<string, unknown>;

describe('profiles survive concurrency and damage', () => {
  it('keeps all 12 profiles when 12 rtc login run at once', async () => {
    const config = join(dir, 'twelve');
    const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
    // Two logins of each demo user: twelve of one user at once would meet the login limit of ten
    // attempts a minute per name and address (counted before the password check).
    const users = ['chef', 'chef2', 'owner', 'super', 'alice', 'bob'];
    const results = await Promise.all(names.map((name, i) => login({ RTC_CONFIG_DIR: config }, name, users[i % users.length])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(profilesIn(config)).sort()).toEqual([...names].sort());
    expect(statSync(join(config, 'profiles.json')).mode & 0o777).toBe(0o600);
    // No temp file or lock is left behind.
    expect(readdirSync(config).sort()).toEqual(['profiles.json', 'profiles.json.bak']);
  }, 90_000);

  it('names a cut-short file and the fix, keeps a backup, and lets rtc login repair it', async () => {
    const config = join(dir, 'cut');
    const env = { RTC_CONFIG_DIR: config };
    expect((await login(env, 'default')).code).toBe(0);
    expect((await login(env, 'night', 'chef2')).code).toBe(0);
    const file = join(config, 'profiles.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));

    const who = await rtc(['whoami'], { env });
    expect(who.code).toBe(4);
    expect(who.stderr).toContain(file);
    expect(who.stderr).toMatch(/damaged.*run rtc login to repair it/);
    expect(who.stderr.trim().split('\n')).toHaveLength(1);
    const out = await rtc(['logout', '--json'], { env });
    expect(out.code).toBe(4);
    expect(JSON.parse(out.stderr).error.message).toContain(file);
    expect(existsSync(`${file}.bak`)).toBe(true);

    const repaired = await login(env, 'default', 'owner');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/was damaged: kept it as .*profiles\.json\.broken-.* started again from its backup/);
    expect(Object.keys(profilesIn(config)).sort()).toEqual(['default', 'night']);
    expect(JSON.parse((await rtc(['--profile', 'night', 'whoami', '--json'], { env })).stdout).user.username).toBe('chef2');
    expect(JSON.parse((await rtc(['whoami', '--json'], { env })).stdout).user.username).toBe('owner');
    const broken = readdirSync(config).filter((name) => name.startsWith('profiles.json.broken-'));
    expect(broken).toHaveLength(1);
    expect(readFileSync(join(config, broken[0]!), 'utf8')).toBe(text.slice(0, Math.floor(text.length / 2)));
  }, 60_000);

  it('starts from empty when the file is damaged and there is no backup', async () => {
    const config = join(dir, 'nobak');
    const env = { RTC_CONFIG_DIR: config };
    expect((await login(env, 'default')).code).toBe(0);
    writeFileSync(join(config, 'profiles.json'), '');
    const result = await login(env, 'other');
    // The backup is still good: only the backup is kept from, not the empty file.
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(profilesIn(config)).sort()).toEqual(['default', 'other']);

    writeFileSync(join(config, 'profiles.json'), '{"profiles":');
    writeFileSync(join(config, 'profiles.json.bak'), 'garbage');
    const again = await login(env, 'third');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/started again from an empty file/);
    expect(Object.keys(profilesIn(config))).toEqual(['third']);
  }, 60_000);
});
