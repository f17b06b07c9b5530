import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inFlagTerms } from '../src/cli/program/flag-terms.js';
import { RtcError } from '../src/protocol/errors.js';
import { rtc } from './helpers/cli.js';
import { removeDir, startTestServer, tempDir, type TestServer } from './helpers/server.js';

// Runs the built binary: `npm run build` first (npm test does).
let server: TestServer;
let superToken: string;
let configDir: string;

beforeAll(async () => {
  server = await startTestServer();
  superToken = await server.login('super');
  configDir = tempDir('rtc-flag-terms-');
});
afterAll(async () => {
  await server.stop();
  removeDir(server.dir);
  removeDir(configDir);
});

const asSuper = (...args: string[]) =>
  rtc([...args, '--server', server.url, '--token', superToken], { env: { RTC_CONFIG_DIR: configDir, RTC_SERVER: undefined, RTC_TOKEN: undefined } });

describe('errors name the flags the user typed, not the HTTP fields', () => {
  it('a field name where a field stands becomes its flag; the same word in prose stays', () => {
    const said = (message: string) => (inFlagTerms(RtcError.badRequest(message, { hint: 'h' }), { forSeconds: '--for', restaurantId: '-r/--restaurant', note: '-n/--note' }) as RtcError);
    expect(said('invalid fault: forSeconds: forSeconds must be at most 3600').message).toBe('invalid fault: --for must be at most 3600');
    expect(said('a staff works in one restaurant: give restaurantId').message).toBe('a staff works in one restaurant: give -r/--restaurant');
    expect(said('a customer belongs to no restaurant: leave restaurantId out').message).toBe('a customer belongs to no restaurant: leave -r/--restaurant out');
    expect(said('invalid order: note: note must be at most 500 characters').message).toBe('invalid order: -n/--note must be at most 500 characters');
    expect(said('take note of the restaurantIds').message).toBe('take note of the restaurantIds');
    expect(said('invalid order: note: note must be at most 500 characters').hint).toBe('h');
    const conflict = RtcError.conflict('restaurantId must be x');
    expect(inFlagTerms(conflict, { restaurantId: '-r' })).toBe(conflict);
  });

  it.each([
    [['chaos', 'latency', '--ms', '10', '--for', '2h'], /--for must be at most 1h/, /forSeconds|3600/],
    [['chaos', 'loss', '--rate', '0.5', '--for', '0s'], /--for must/, /forSeconds/],
    [['user', 'add', 'bob', '--role', 'staff'], /give -r\/--restaurant/, /restaurantId/],
    [['key', 'create', '--name', 'pos', '--role', 'staff'], /give -r\/--restaurant/, /restaurantId/],
    [['user', 'set-role', 'chef', 'customer', '-r', 'r1'], /leave -r\/--restaurant out/, /restaurantId/],
    [['order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', '2', '-n', 'x'.repeat(501)], /-n\/--note must be at most 500/, /\bnote:/],
    [['order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', '-5'], /-a\/--amount must/, /\bamount:/],
    [['restaurant', 'add', 'Harbour', '--id', 'bad id!'], /--id: /, /[^-]id:/],
    [['restaurant', 'add', 'x'.repeat(101)], /NAME must be at most/, /\bname:/],
  ])('rtc %j', async (args, says, not) => {
    const result = await asSuper(...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(not);
  });

  it('rtc order cancel --reason too long speaks of --reason', async () => {
    const created = await asSuper('order', 'create', '-r', 'r1', '-i', '1x Tea', '-a', '2');
    const id = created.stdout.split('\n')[0]!;
    const result = await asSuper('order', 'cancel', id, '--reason', 'x'.repeat(501));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--reason must be at most 500/);
    expect(result.stderr).not.toMatch(/\breason:/);
  });
});
