import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

/**
 * The package as a user gets it: packed, installed from the tarball into an empty folder, and run
 * through the `rtc` that npm links into node_modules/.bin. Nothing here touches the clone's
 * node_modules or dist at run time, so a file missing from the `files` list fails here.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** npm install builds better-sqlite3 from source where its prebuilt binary cannot be downloaded: 7 min here, alone. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;

let dir: string;
let bin: string;
let configDir: string;
const children: ChildProcess[] = [];
const timings: Record<string, number> = {};
let packedFiles: string[] = [];

function npm(args: string[], cwd: string, timeoutMs: number): string {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    // The end of npm's output is where it says why (a native build that failed, a registry error).
    const output = `${result.error?.message ?? ''}\n${result.stderr}\n${result.stdout}`.slice(-4000);
    throw new Error(`npm ${args.join(' ')} failed (${result.status ?? result.signal}) after ${timeoutMs} ms at most: ${output}`);
  }
  return result.stdout;
}

/** Runs the installed `rtc`, with the test's own config dir so no real profile is touched. */
function installedRtc(args: string[], input = '', timeoutMs = 20_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, RTC_CONFIG_DIR: configDir, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Spawns the installed `rtc` and collects its stdout lines. */
function spawnInstalled(args: string[]): { child: ChildProcess; lines: string[]; stderr: () => string } {
  const child = spawn(bin, args, { env: { ...process.env, RTC_CONFIG_DIR: configDir, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  return { child, lines, stderr: () => stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/bundle/main.js'))) throw new Error('dist/ or its bundle is missing: run npm run build first (npm test does)');
  dir = tempDir('rtc-package-');
  configDir = join(dir, 'config');
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of the other test files running now.
  let started = Date.now();
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT, 120_000)) as {
    filename: string;
    files: { path: string }[];
  }[];
  timings.packMs = Date.now() - started;
  const tarball = join(dir, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((file) => file.path);
  timings.files = packedFiles.length;
  const consumer = join(dir, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  started = Date.now();
  npm(['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], consumer, INSTALL_TIMEOUT_MS);
  timings.installMs = Date.now() - started;
  bin = join(consumer, 'node_modules', '.bin', 'rtc');
}, INSTALL_TIMEOUT_MS + 180_000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // The figure for the report: how long packing and a clean install take on this machine.
  console.log(`package install: ${timings.files} files, pack ${timings.packMs} ms, npm install ${timings.installMs} ms`);
  if (dir) removeDir(dir);
  // Removing an installed node_modules takes a while on a loaded machine.
}, 120_000);

describe('the packed package', () => {
  it('ships bin, the bundle, the bench and what it imports, docs, deploy, the README and the LICENSE, and nothing else', () => {
    const outside = packedFiles.filter((path) => !/^(bin|dist|docs|deploy)\//.test(path) && !['README.md', 'LICENSE', 'package.json'].includes(path));
    expect(outside).toEqual([]);
    expect(packedFiles).toEqual(
      expect.arrayContaining(['bin/rtc.js', 'dist/bundle/main.js', 'dist/bench/probe.js', 'dist/bench/rtc-load-worker.js', 'docs/protocol.md', 'deploy/systemd/rtc.service', 'deploy/nginx/rtc.conf', 'LICENSE', 'README.md']),
    );
    // The bin runs the bundle: tsc's copies of the command tree, the server, the UI and the drill are in it.
    const shippedDist = new Set(packedFiles.filter((path) => path.startsWith('dist/')).map((path) => path.split('/')[1]));
    expect([...shippedDist].sort()).toEqual(['bench', 'bundle', 'client', 'domain', 'lib', 'protocol']);
    expect(packedFiles.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('does not depend on commander, which is in the bundle, and does on chalk, the one copy Ink shares', () => {
    const installed = JSON.parse(readFileSync(join(dir, 'consumer', 'node_modules', 'rtc-order-board', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies)).not.toContain('commander');
    expect(Object.keys(installed.dependencies)).toContain('chalk');
  });

  it('shows the help of every command group, and runs rtc bench push-vs-poll from the installed files', async () => {
    for (const group of ['order', 'restaurant', 'user', 'key', 'chaos', 'bench', 'admin', 'serve', 'watch', 'demo', 'login']) {
      const help = await installedRtc([group, '--help']);
      expect(help.code, `${group}: ${help.stderr}`).toBe(0);
      expect(help.stdout).toContain(`Usage: rtc ${group}`);
    }
    const bench = await installedRtc(['bench', 'push-vs-poll', '--clients', '20', '--seconds', '2', '--json'], '', 60_000);
    expect(bench.code, bench.stderr).toBe(0);
    expect(JSON.parse(bench.stdout)).toMatchObject({ clients: 20, seconds: 2 });
  }, 90_000);

  it('installs the systemd unit and the nginx example where the README says (node_modules/rtc-order-board/deploy/)', () => {
    const installed = join(dir, 'consumer', 'node_modules', 'rtc-order-board', 'deploy');
    expect(readFileSync(join(installed, 'systemd', 'rtc.service'), 'utf8')).toContain('ExecStart=');
    expect(readFileSync(join(installed, 'nginx', 'rtc.conf'), 'utf8')).toContain('proxy_pass');
  });

  it('installs from the tarball and runs: version, serve, healthz, login, order create, watch', async () => {
    const version = await installedRtc(['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);

    const serve = spawnInstalled(['serve', '--demo', '--json', '--port', '0', '--log-level', 'warn', '--db', join(dir, 'rtc.db')]);
    const url = await waitFor(() => serve.lines[0] && (JSON.parse(serve.lines[0]) as { url: string }).url, `rtc serve's URL (stderr: ${serve.stderr()})`, 20_000);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const login = await installedRtc(['login', '--server', url, '--username', 'chef', '--password-stdin'], 'chef\n');
    expect(login.code, login.stderr).toBe(0);

    const watch = spawnInstalled(['watch', '--json']);
    await waitFor(() => watch.lines.some((line) => line.includes('"room_joined"')), `rtc watch to join (stderr: ${watch.stderr()})`, 15_000);

    const created = await installedRtc(['order', 'create', '-r', 'r1', '-i', '2x Burger, 1x Fries', '-a', '23.5', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const { order } = JSON.parse(created.stdout) as { order: { id: string; status: string } };
    expect(order.status).toBe('Pending');

    const seen = await waitFor(
      () =>
        watch.lines
          .map((line) => JSON.parse(line) as { event: string; data: { order?: { id: string } } })
          .find((line) => line.event === 'restaurant_order_received' && line.data.order?.id === order.id),
      'rtc watch to print the new order',
      10_000,
    );
    expect(seen.data.order).toMatchObject({ id: order.id, restaurantId: 'r1' });

    watch.child.kill('SIGTERM');
    serve.child.kill('SIGTERM');
    const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(0) : child.once('exit', resolve)));
    await Promise.all([exited(watch.child), exited(serve.child)]);
  }, 90_000);
});
