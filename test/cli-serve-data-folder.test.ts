import Database from 'better-sqlite3';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server/app.js';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';

/**
 * The attacker trial's planted store: rtc serve must trust only a data folder and store files that
 * nobody but its own user could have made or can swap (README "Limits and hardening").
 */
const root = tempDir();
afterAll(() => removeDir(root));
const isRoot = process.getuid?.() === 0;
const OTHER = 1001;

let n = 0;
/** A fresh folder with `mode` (set past the umask). */
function folder(mode: number, parent = root): string {
  const dir = join(parent, `d${++n}`);
  mkdirSync(dir);
  chmodSync(dir, mode);
  return dir;
}

/** Starts in-process; a start that should have been refused is closed and fails the test. */
async function expectRefused(db: string, says: RegExp): Promise<void> {
  let started;
  try {
    started = await startServer({ db, port: 0, logLevel: 'silent' });
  } catch (error) {
    expect((error as { code?: string }).code).toBe('BAD_REQUEST');
    expect(`${(error as Error).message}: ${(error as { hint?: string }).hint}`).toMatch(says);
    return;
  }
  await started.close();
  expect.fail(`rtc serve --db ${db} started; it should have been refused with ${says}`);
}

describe('rtc serve trusts only a data folder and store files that are its own', { timeout: 120_000 }, () => {
  it('refuses a folder every user or its group can write, sticky or not, with exit 2 and the chmod', async () => {
    for (const mode of [0o777, 0o1777, 0o770, 0o775]) {
      const dir = folder(mode);
      await expectRefused(join(dir, 'rtc.db'), /can be written by (every user|its group).*chmod go-w/);
      expect(existsSync(join(dir, 'rtc.db')), `nothing made in a ${mode.toString(8)} folder`).toBe(false);
    }
    const cli = await rtc(['serve', '--port', '0', '--log-level', 'silent', '--db', join(folder(0o1777), 'rtc.db')], { timeoutMs: 30_000 });
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr).toMatch(/can be written by every user \(mode 1777\).*chmod go-w .*choose a folder only you can write.*\[BAD_REQUEST\]/);
  });

  it('refuses a folder under one that others can write and that is not sticky (they could swap it)', async () => {
    const open = folder(0o777);
    const mine = folder(0o700, open);
    await expectRefused(join(mine, 'rtc.db'), /above .* can be written by other users \(mode 0777\)/);
    chmodSync(open, 0o1777); // sticky: others cannot rename what is not theirs
    const server = await startServer({ db: join(mine, 'rtc.db'), port: 0, logLevel: 'silent' });
    await server.close();
  });

  it('refuses a --db that is a symbolic link, even a dangling one, and makes nothing at its target', async () => {
    const dir = folder(0o700);
    const target = join(folder(0o700), 'elsewhere.db');
    symlinkSync(target, join(dir, 'rtc.db'));
    await expectRefused(join(dir, 'rtc.db'), /is a symbolic link/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a -wal, -shm or .lock that is a symbolic link', async () => {
    for (const suffix of ['-wal', '-shm', '.lock']) {
      const dir = folder(0o700);
      symlinkSync(join(dir, 'nowhere'), join(dir, `rtc.db${suffix}`));
      await expectRefused(join(dir, 'rtc.db'), new RegExp(`rtc\\.db${suffix.replace('.', '\\.')} is a symbolic link`));
    }
  });

  it.skipIf(!isRoot)('(as root only: only root can give files away) refuses a database, -wal, -shm or .lock owned by another user', async () => {
    for (const suffix of ['', '-wal', '-shm', '.lock']) {
      const dir = folder(0o700);
      const planted = join(dir, `rtc.db${suffix}`);
      writeFileSync(planted, '');
      chmodSync(planted, suffix ? 0o666 : 0o600);
      chownSync(planted, OTHER, OTHER);
      await expectRefused(join(dir, 'rtc.db'), new RegExp(`rtc\\.db${suffix.replace('.', '\\.')} belongs to another user \\(uid ${OTHER}; rtc runs as uid 0\\)`));
    }
  });

  it.skipIf(!isRoot)('(as root only) refuses a folder, or a folder above it, owned by another user', async () => {
    const theirs = folder(0o755);
    chownSync(theirs, OTHER, OTHER);
    await expectRefused(join(theirs, 'rtc.db'), /the folder .* belongs to another user \(uid 1001/);
    const mine = folder(0o700, theirs);
    await expectRefused(join(mine, 'rtc.db'), /above .* belongs to another user \(uid 1001\).*could replace/);
  });

  it.skipIf(!isRoot)('(as root only) admin verify, backup and reset-password refuse a store with a planted -wal', async () => {
    const dir = folder(0o700);
    const db = join(dir, 'rtc.db');
    new Database(db).close();
    writeFileSync(`${db}-wal`, '');
    chownSync(`${db}-wal`, OTHER, OTHER);
    for (const args of [['admin', 'verify', '--db', db], ['admin', 'backup', '--db', db, '--to', join(dir, 'copy.db')], ['admin', 'reset-password', '--db', db, 'admin']]) {
      const result = await rtc(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/rtc\.db-wal belongs to another user/);
    }
  });

  it('warns "read and write" for a store file others can write, "read" for one they can only read', async () => {
    const dir = folder(0o700);
    const db = join(dir, 'rtc.db');
    new Database(db).close();
    chmodSync(db, 0o666);
    const writable = await rtc(['serve', '--port', '0', '--db', db, '--log-level', 'silent'], { timeoutMs: 8_000 });
    expect(writable.stderr).toMatch(/other users can read and write .*rtc\.db \(mode 0666\)/);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    chmodSync(db, 0o644);
    const readable = await rtc(['serve', '--port', '0', '--db', db, '--log-level', 'silent'], { timeoutMs: 8_000 });
    expect(readable.stderr).toMatch(/other users can read \S*rtc\.db \(mode 0644\)/);
  });

  it('still serves :memory: and a fresh 0700 folder', async () => {
    for (const db of [':memory:', join(folder(0o700), 'rtc.db')]) {
      const server = await startServer({ db, port: 0, logLevel: 'silent' });
      await server.close();
    }
  });
});
