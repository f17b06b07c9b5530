import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { RTC_BIN, rtc } from './helpers/cli.js';
import { spawnServe, type ServeProcess } from './helpers/serve-process.js';
import { api, removeDir, tempDir } from './helpers/server.js';

let dir: string;
let serve: ServeProcess;
let tokens: Record<string, string>;
let orderId: string;
beforeAll(async () => {
  dir = tempDir();
  serve = await spawnServe(['--demo', '--db', join(dir, 'manners.db')]);
  tokens = {};
  for (const username of ['super', 'chef']) {
    tokens[username] = (await api(serve.url, 'POST', '/api/auth/login', { body: { username, password: username } })).body.token as string;
  }
  const created = await api(serve.url, 'POST', '/api/orders', {
    token: tokens.chef,
    body: { restaurantId: 'r1', items: [{ name: 'Soup', qty: 2 }], amount: 9 },
  });
  orderId = created.body.order.id as string;
}, 60_000);
afterAll(async () => {
  await serve.stop();
  removeDir(dir);
});

const as = (user: string) => ['--server', serve.url, '--token', tokens[user]!];
const SGR = /\u001b\[[0-9;]*m/;

/** Runs rtc with the read end of its stdout closed at once, as `| head -1` does after one line. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RTC_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RTC_CONFIG_DIR: dir } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Runs rtc in a pseudo-terminal (script(1)) with colour allowed, and answers what it printed. */
function inTerminal(args: string[], env: Record<string, string>, until?: RegExp): Promise<string> {
  const command = [process.execPath, RTC_BIN, ...args].map((word) => `'${word}'`).join(' ');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40', ...env };
  for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR']) if (!(name in env)) delete childEnv[name];
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${command}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (until?.test(out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''))) setTimeout(() => child.kill('SIGKILL'), 500);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('a closed stdout ends the command quietly', () => {
  it.each([[['--help']], [['order', 'show', 'ORDER']], [['order', 'list']]])('rtc %j | head -1 exits 0 without a stack trace', async (args) => {
    const result = await withClosedStdout([...args.map((word) => (word === 'ORDER' ? orderId : word)), ...as('chef')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 30_000);
});

describe('NO_COLOR', () => {
  it('turns colour off in tables', async () => {
    const coloured = await inTerminal(['order', 'list', ...as('chef')], {});
    expect(coloured).toMatch(SGR);
    const plain = await inTerminal(['order', 'list', ...as('chef')], { NO_COLOR: '1' });
    expect(plain).toContain(orderId);
    expect(plain).not.toMatch(SGR);
  }, 60_000);

  it('turns colour off on the board, and keeps bold and inverse (the README: "bold, inverse and the words stay")', async () => {
    const board = await inTerminal(['watch', '--no-bell', ...as('chef')], { NO_COLOR: '1' }, /Soup/);
    expect(board).toContain('Soup');
    // No colour: no foreground or background code (30-37, 39-47, 49, 90-97, 100-107, 38;… and 48;…).
    for (const [sequence] of board.matchAll(/\u001b\[([0-9;]*)m/g)) {
      const codes = sequence.slice(2, -1).split(';').filter(Boolean).map(Number);
      expect(codes.some((code) => (code >= 30 && code <= 49) || (code >= 90 && code <= 107)), JSON.stringify(sequence)).toBe(false);
    }
  }, 60_000);
});

describe('usage errors are the contract one-line error, exit 2', () => {
  it.each([
    [['order', 'list', '--bogus'], /^rtc: unknown option '--bogus': run rtc order list --help \[BAD_REQUEST\]$/],
    [['order', 'show'], /^rtc: missing required argument 'id': run rtc order show --help \[BAD_REQUEST\]$/],
    [['order', 'lst'], /^rtc: unknown command 'lst' \(did you mean list\?\): run rtc order --help \[BAD_REQUEST\]$/],
    [['ordr'], /^rtc: unknown command 'ordr'.*: run rtc --help \[BAD_REQUEST\]$/],
    // help for a command that does not exist says so, with the suggestion `rtc wach` gets.
    [['help', 'wach'], /^rtc: unknown command 'wach' \(did you mean watch\?\): run rtc --help \[BAD_REQUEST\]$/],
    [['help', 'bogus'], /^rtc: unknown command 'bogus'.*: run rtc --help \[BAD_REQUEST\]$/],
    [['help', 'order', 'lst'], /^rtc: unknown command 'lst' \(did you mean list\?\): run rtc order --help \[BAD_REQUEST\]$/],
    // a group's subcommand typed without its group names the whole command.
    [['advance', 'K7M2QX'], /^rtc: unknown command 'advance' \(did you mean rtc order advance\?\): run rtc --help \[BAD_REQUEST\]$/],
    [['list'], /^rtc: unknown command 'list' \(did you mean rtc order list, rtc restaurant list, rtc user list or rtc key list\?\): run rtc --help \[BAD_REQUEST\]$/],
  ])('rtc %j', async (args, line) => {
    const result = await rtc(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd()).toMatch(line);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the error object with --json, even when --json comes after the bad part', async () => {
    for (const [args, message, hint] of [
      [['order', 'list', '--bogus', '--json'], "unknown option '--bogus'", 'run rtc order list --help'],
      [['--json', 'order', 'create', '-r', 'r1'], /^required option/, 'run rtc order create --help'],
      [['order', 'show', '--json'], "missing required argument 'id'", 'run rtc order show --help'],
    ] as const) {
      const result = await rtc([...args]);
      expect(result.code).toBe(2);
      const body = JSON.parse(result.stderr);
      // As server errors: what happened in message, what to do in hint.
      expect(Object.keys(body.error).sort()).toEqual(['code', 'hint', 'message']);
      expect(body.error.code).toBe('BAD_REQUEST');
      if (typeof message === 'string') expect(body.error.message).toBe(message);
      else expect(body.error.message).toMatch(message);
      expect(body.error.hint).toBe(hint);
    }
  });
});

describe('restaurants and order ids', () => {
  it('answers NOT_FOUND to a superadmin for an unknown restaurant, and FORBIDDEN to staff of another', async () => {
    const superadmin = await rtc(['order', 'list', '-r', 'r9', ...as('super')]);
    expect(superadmin.code).toBe(5);
    expect(superadmin.stderr).toMatch(/restaurant r9 does not exist.*\[NOT_FOUND\]/);
    const staff = await rtc(['order', 'list', '-r', 'r9', ...as('chef')]);
    expect(staff.code).toBe(4);
    expect(staff.stderr).toMatch(/FORBIDDEN/);
    expect((await rtc(['order', 'list', '-r', 'r1', ...as('super')])).code).toBe(0);
  });

  it('accepts an order id in any case', async () => {
    const lower = orderId.toLowerCase();
    const shown = await rtc(['order', 'show', lower, '--json', ...as('chef')]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).order.id).toBe(orderId);
    const advanced = await rtc(['order', 'advance', lower, '--expect', 'pending', '--json', ...as('chef')]);
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(JSON.parse(advanced.stdout).order).toMatchObject({ id: orderId, status: 'Confirmed' });
  });
});

describe('help', () => {
  const leaves = (command: Command): Command[] => (command.commands.length ? command.commands.flatMap(leaves) : [command]);
  const helpOf = (command: Command): string => {
    let text = '';
    command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) });
    command.outputHelp();
    return text;
  };

  it('ends every group\'s help (rtc order --help, ...) with an example too', async () => {
    const groups = (await buildProgram()).commands.filter((command) => command.commands.length > 0);
    expect(groups.map((group) => group.name()).sort()).toEqual(['admin', 'bench', 'chaos', 'key', 'order', 'restaurant', 'user']);
    for (const group of groups) expect(helpOf(group), group.name()).toMatch(new RegExp(`\\nExamples?:\\n {2}\\$ .*rtc ${group.name()} `));
    const viaBin = await rtc(['order', '--help']);
    expect(viaBin.stdout).toMatch(/Examples:\n {2}\$ id=\$\(rtc order create .*\| head -1\)/);
  });

  it('shows the global flags and an example on every subcommand', async () => {
    const commands = leaves(await buildProgram());
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands) {
      const text = helpOf(command);
      expect(text, command.name()).toContain('Global Options:');
      expect(text, command.name()).toMatch(/--profile <name>[\s\S]*--json/);
      expect(text, command.name()).toMatch(/\nExamples?:\n {2}\$ rtc /);
    }
  });

  it('rtc help GROUP SUBCOMMAND shows the subcommand\'s help, as rtc GROUP SUBCOMMAND --help does', async () => {
    const viaHelp = await rtc(['help', 'order', 'show']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: rtc order show');
    expect(viaHelp.stdout).toBe((await rtc(['order', 'show', '--help'])).stdout);
    expect((await rtc(['help', 'order'])).stdout).toContain('Usage: rtc order [options] [command]');
  });

  it('shows them through the built binary, with defaults', async () => {
    const result = await rtc(['watch', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Global Options:');
    expect(result.stdout).toContain('(default: "5")');
    expect(result.stdout).toMatch(/Examples?:\n {2}\$ rtc watch/);
  });
});

describe('rtc serve from environment variables', () => {
  it('names each variable in --help', async () => {
    const result = await rtc(['serve', '--help']);
    const text = result.stdout.replace(/\s+/g, ' ');
    for (const name of ['RTC_PORT', 'RTC_HOST', 'RTC_DB', 'RTC_STORE', 'RTC_REDIS', 'RTC_TOKEN_TTL', 'RTC_LOG_LEVEL']) expect(text).toContain(`env: ${name})`);
  });

  it('names in --help every RTC_ variable the server reads (first start and secrets too)', async () => {
    const text = (await rtc(['serve', '--help'])).stdout;
    const sourceFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
    const root = join(import.meta.dirname, '..', 'src');
    const read = new Set(
      [join(root, 'server'), join(root, 'cli', 'commands', 'serve')].flatMap(sourceFiles).flatMap((file) => readFileSync(file, 'utf8').match(/\bRTC_[A-Z_]+/g) ?? []),
    );
    expect(read).toContain('RTC_ADMIN_PASSWORD');
    expect([...read].filter((name) => !text.includes(name))).toEqual([]);
  });

  it('takes its options from the environment, and a flag wins over its variable', async () => {
    const fromEnv = join(dir, 'from-env.db');
    const server = await spawnServe([], { RTC_DB: fromEnv, RTC_DEMO: '1', RTC_TOKEN_TTL: '90s' });
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'chef', password: 'chef' } });
    expect(login.status).toBe(200);
    const { exp, iat } = JSON.parse(Buffer.from((login.body.token as string).split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(90);
    await server.stop();
    expect(existsSync(fromEnv)).toBe(true);

    const flagged = join(dir, 'flag.db');
    const unused = join(dir, 'unused.db');
    const other = await spawnServe(['--db', flagged], { RTC_DB: unused });
    await other.stop();
    expect(existsSync(flagged)).toBe(true);
    expect(existsSync(unused)).toBe(false);
  }, 60_000);
});
