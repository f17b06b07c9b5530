import Database from 'better-sqlite3';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonText, terminalText } from '../src/cli/program/output.js';
import { inertText } from '../src/protocol/inert-text.js';
import { rtc, type CliResult } from './helpers/cli.js';
import { INVISIBLE, INVISIBLE_CHARS, LONE_SURROGATES } from './helpers/unprintable.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';

/** What a terminal acts on: C0 but the newline, DEL, C1 (ESC and CSI among them), bidi overrides and isolates. */
const ACTIVE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const OWN_STYLE = /\u001b\[(?:0|1|2|22|3[1-6]|39|90)m/g;

/**
 * Hostile text: printable runs mixed with controls, CSI/OSC sequences (colours, clear, title, OSC 52),
 * C1, bidi and invisible characters; with `loneSurrogates`, halves of characters too (a store cannot
 * keep those: SQLite gives them back as U+FFFD, so a round trip through it cannot hold them).
 */
const hostileTextOf = (loneSurrogates: boolean) =>
  fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x7f, max: 0x9f }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'),
      fc.constantFrom(...INVISIBLE_CHARS, ...(loneSurrogates ? LONE_SURROGATES : ['\u200B'])),
      fc.constantFrom(
        '\u001b[41;97m',
        '\u001b[5m',
        '\u001b[31m',
        '\u001b[2J\u001b[H',
        '\u001b[10A',
        '\r',
        '\u001b]0;pwned\u0007',
        '\u001b]52;c;cm0gLXJmIH4=\u0007',
        '\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\',
        '\u009b31m',
        '\u009d0;title\u009c',
        '\u001bP+q\u001b\\',
      ),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));
const hostileText = hostileTextOf(true);
const storableText = hostileTextOf(false);

function expectInert(result: CliResult, what: string): void {
  expect(ACTIVE.exec(result.stdout), `${what} stdout: ${JSON.stringify(result.stdout)}`).toBeNull();
  expect(ACTIVE.exec(result.stderr), `${what} stderr: ${JSON.stringify(result.stderr)}`).toBeNull();
  expect(INVISIBLE.exec(result.stdout), `${what} stdout: ${JSON.stringify(result.stdout)}`).toBeNull();
  expect(INVISIBLE.exec(result.stderr), `${what} stderr: ${JSON.stringify(result.stderr)}`).toBeNull();
}

function expectJsonLines(result: CliResult, stream: 'stdout' | 'stderr'): unknown[] {
  const lines = result[stream].split('\n').filter(Boolean);
  for (const line of lines) expect(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.exec(line), line).toBeNull();
  for (const line of lines) expect(INVISIBLE.exec(line), line).toBeNull();
  return lines.map((line) => JSON.parse(line));
}

describe('inert text helpers', () => {
  it('inertText and terminalText leave nothing a terminal acts on, and keep printable text as it is', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(ACTIVE.test(inertText(text))).toBe(false);
        expect(ACTIVE.test(terminalText(text, false))).toBe(false);
        expect(terminalText(text, true).replace(OWN_STYLE, '')).not.toMatch(ACTIVE);
        expect(inertText(text)).not.toMatch(INVISIBLE);
        expect(terminalText(text, false)).not.toMatch(INVISIBLE);
        const printable = text.replace(new RegExp(INVISIBLE.source, 'g'), '').replace(new RegExp(ACTIVE.source, 'gu'), '');
        expect(inertText(printable)).toBe(printable.replace(/\n/g, '\u240A'));
      }),
      { numRuns: 2000 },
    );
  });

  it('jsonText is valid JSON of the same value, with no raw C1, separators or bidi', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const json = jsonText({ text, list: [text] });
        expect(json).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
        expect(json).not.toMatch(INVISIBLE);
        expect(JSON.parse(json)).toEqual({ text, list: [text] });
      }),
      { numRuns: 2000 },
    );
  });
});

let server: TestServer;
let db: Database.Database;
let secret: Uint8Array;
let superToken: string;
let hostile: Server;
let hostileUrl: string;
/** What the hostile server says next: orders, users and error messages all carry this text. */
let hostileSays = '';

beforeAll(async () => {
  server = await startTestServer();
  secret = Buffer.from(readFileSync(`${server.db}.jwt-secret`, 'utf8').trim(), 'hex');
  superToken = await server.login('super');
  // Writes straight into the store, as data from an older release that checked nothing would be.
  db = new Database(server.db);
  hostile = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/api/me') return send(200, { user: { id: 'u1', username: hostileSays, role: 'staff', restaurantId: hostileSays } });
    if (req.url?.startsWith('/api/orders?') || req.url === '/api/orders') return send(200, { orders: [order(`x${hostileSays}`, hostileSays)] });
    send(409, { error: { code: 'CONFLICT', message: hostileSays } });
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});
afterAll(async () => {
  db?.close();
  await new Promise((resolve) => hostile?.close(resolve));
  await server?.stop();
  if (server) removeDir(server.dir);
});

function order(id: string, text: string) {
  const now = new Date().toISOString();
  return {
    id,
    restaurantId: text,
    customerId: text,
    customerName: text,
    items: [{ name: text, qty: 2 }],
    amount: 9.5,
    status: 'Pending',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

let stored = 0;
/**
 * An order in a restaurant named by the text, whose every text field (and its event's actor and
 * reason) is the text; and a staff user of that restaurant named by the text.
 */
function storeRaw(text: string): string {
  const id = `RAW-${++stored}`;
  const restaurant = `${text}#${stored}`;
  const o = order(id, text);
  db.prepare('INSERT INTO restaurants (id, name, last_seq) VALUES (?, ?, 1)').run(restaurant, text);
  db.prepare(
    `INSERT INTO orders (id, restaurant_id, customer_id, customer_name, items, amount, status, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'Pending', 1, ?, ?)`,
  ).run(id, restaurant, text, text, JSON.stringify(o.items), o.amount, o.createdAt, o.updatedAt);
  db.prepare(
    `INSERT INTO events (restaurant_id, seq, order_id, version, type, from_status, to_status, actor, reason, timestamp)
     VALUES (?, 1, ?, 1, 'OrderCreated', NULL, 'Pending', ?, ?, ?)`,
  ).run(restaurant, id, text, text, o.createdAt);
  db.prepare(`INSERT INTO users (id, username, role, restaurant_id, password_hash, salt) VALUES (?, ?, 'staff', ?, 'x', 'x')`).run(
    `u-${id}`,
    `${text}#${stored}`,
    restaurant,
  );
  return id;
}

/** A token for the user `storeRaw` made with the order (GET /api/me answers the user as the store has it). */
const tokenFor = (id: string, text: string) =>
  new SignJWT({ username: text, role: 'staff', rid: text })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`u-${id}`)
    .setIssuer('rtc')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(secret);

const env = { RTC_CONFIG_DIR: '/nonexistent-rtc-config', RTC_SERVER: '', RTC_TOKEN: '' };
const colourEnv = { ...env, FORCE_COLOR: '1', NO_COLOR: undefined };

describe('every terminal output of the CLI prints order text inertly', () => {
  it('order list, order show and whoami from a store holding raw control text; errors and JSON from a hostile server', async () => {
    await fc.assert(
      fc.asyncProperty(storableText, async (text) => {
        const id = storeRaw(text);
        hostileSays = text;
        const at = ['--server', server.url, '--token', superToken];
        const [list, listColour, show, showColour, whoami, listJson, showJson, error, errorJson, hostileMe, hostileList] = await Promise.all([
          rtc(['order', 'list', ...at], { env }),
          rtc(['order', 'list', ...at], { env: colourEnv }),
          rtc(['order', 'show', id, ...at], { env }),
          rtc(['order', 'show', id, ...at], { env: colourEnv }),
          tokenFor(id, text).then((token) => rtc(['whoami', '--server', server.url, '--token', token], { env })),
          rtc(['order', 'list', '--json', ...at], { env }),
          rtc(['order', 'show', id, '--json', ...at], { env }),
          rtc(['order', 'advance', 'o1', '--server', hostileUrl, '--token', 't'], { env }),
          rtc(['order', 'advance', 'o1', '--json', '--server', hostileUrl, '--token', 't'], { env }),
          rtc(['whoami', '--server', hostileUrl, '--token', 't'], { env: colourEnv }),
          rtc(['order', 'list', '--server', hostileUrl, '--token', 't'], { env: colourEnv }),
        ]);
        for (const [what, result] of Object.entries({ list, show, whoami, error })) {
          expect(result.code, `${what}: ${result.stderr}`).toBe(what === 'error' ? 3 : 0);
          expectInert(result, what);
        }
        // With colour, only the CLI's own styles are ESC; the order text in them is the same inert text.
        for (const [what, plain, coloured] of [
          ['list', list, listColour],
          ['show', show, showColour],
        ] as const) {
          expect(coloured.code, coloured.stderr).toBe(0);
          expect(coloured.stdout.replace(OWN_STYLE, ''), what).toBe(plain.stdout);
        }
        for (const [what, result] of Object.entries({ hostileMe, hostileList })) {
          expect(result.code, `${what}: ${result.stderr}`).toBe(0);
          expect(ACTIVE.exec(result.stdout.replace(OWN_STYLE, '')), `${what}: ${JSON.stringify(result.stdout)}`).toBeNull();
          expect(inertText(text).length === 0 || result.stdout.includes(inertText(text)), what).toBe(true);
        }
        // --json stays JSON, gives back the stored text exactly, and holds nothing raw a terminal acts on.
        const [listed] = expectJsonLines(listJson, 'stdout') as [{ orders: { id: string; customerName: string }[] }];
        expect(listed.orders.find((o) => o.id === id)?.customerName).toBe(text);
        const [shown] = expectJsonLines(showJson, 'stdout') as [{ order: { customerName: string }; events: { reason: string }[] }];
        expect(shown.order.customerName).toBe(text);
        expect(shown.events[0]!.reason).toBe(text);
        const [refused] = expectJsonLines(errorJson, 'stderr') as [{ error: { code: string; message: string } }];
        expect(refused.error).toEqual({ code: 'CONFLICT', message: text });
        expectInert(listJson, 'list --json');
        expectInert(errorJson, 'error --json');
      }),
      { numRuns: 4 },
    );
  }, 400_000);
});
