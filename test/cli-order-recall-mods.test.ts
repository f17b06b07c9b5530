import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseItems } from '../src/cli/commands/order/parse-items.js';
import { rtc } from './helpers/cli.js';
import { serveWithChef, type ServeProcess } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

let dir: string;
let serve: ServeProcess;
let env: Record<string, string>;

beforeAll(async () => {
  dir = tempDir();
  ({ serve, env } = await serveWithChef(dir, ['--recall-window', '8s']));
});
afterAll(async () => {
  await serve.stop();
  removeDir(dir);
});

describe('parseItems', () => {
  it('reads modifiers in brackets, split by ;, with commas inside them kept', () => {
    expect(parseItems('2x Burger [no onions; extra cheese], 1x Fries')).toEqual([
      { qty: 2, name: 'Burger', mods: ['no onions', 'extra cheese'] },
      { qty: 1, name: 'Fries' },
    ]);
    expect(parseItems('Salad x2 [dressing on the side, please], Tea []')).toEqual([
      { qty: 2, name: 'Salad', mods: ['dressing on the side, please'] },
      { qty: 1, name: 'Tea' },
    ]);
    expect(() => parseItems('Burger [no onions')).toThrow(/one \[\.\.\.\] at the end/);
  });
});

describe('rtc order create --items with mods, --note; show; recall', () => {
  it('creates with modifiers and a note, shows them under their item, recalls within the window', { timeout: 60_000 }, async () => {
    const created = await rtc(
      ['order', 'create', '-r', 'r1', '--items', '2x Burger [no onions; extra cheese], 1x Fries', '--note', 'ALLERGY: peanuts', '-a', '23.5', '--json'],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const { order } = JSON.parse(created.stdout);
    expect(order.items).toEqual([{ name: 'Burger', qty: 2, mods: ['no onions', 'extra cheese'] }, { name: 'Fries', qty: 1 }]);
    expect(order.note).toBe('ALLERGY: peanuts');

    const shown = await rtc(['order', 'show', order.id], { env });
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    const burger = lines.findIndex((line) => line.includes('2x Burger'));
    expect(lines[burger + 1]).toMatch(/^\s+- no onions$/);
    expect(lines[burger + 2]).toMatch(/^\s+- extra cheese$/);
    expect(lines[burger + 3]).toMatch(/1x Fries/);
    expect(shown.stdout).toMatch(/note\s+ALLERGY: peanuts/);

    expect((await rtc(['order', 'advance', order.id], { env })).code).toBe(0);
    const conflict = await rtc(['order', 'recall', order.id, '--expect', 'preparing'], { env });
    expect(conflict.code).toBe(3);
    const recalled = await rtc(['order', 'recall', order.id, '--expect', 'confirmed', '--json'], { env });
    expect(recalled.code, recalled.stderr).toBe(0);
    expect(JSON.parse(recalled.stdout)).toMatchObject({ order: { status: 'Pending' }, event: { type: 'OrderStatusRecalled', from: 'Confirmed', to: 'Pending' } });
    const nothing = await rtc(['order', 'recall', order.id], { env });
    expect(nothing.code).toBe(3);
    expect(nothing.stderr).toMatch(/no status change left to recall/);
    const history = await rtc(['order', 'show', order.id], { env });
    expect(history.stdout).toContain('recalled Confirmed → Pending');

    // --recall-window 8s: a change older than that stays.
    expect((await rtc(['order', 'advance', order.id], { env })).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 8300));
    const late = await rtc(['order', 'recall', order.id], { env });
    expect(late.code).toBe(3);
    expect(late.stderr).toMatch(/recall window has passed/);
  });

  it('refuses control characters with exit 2, and documents the example in --help', async () => {
    const bad = await rtc(['order', 'create', '-r', 'r1', '--items', 'Burger', '--note', 'evil\u001b[2J', '-a', '1'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/printable/);
    const help = await rtc(['order', 'create', '--help'], { env });
    expect(help.stdout).toContain('rtc order create -r r1 --items "2x Burger [no onions; extra cheese], 1x Fries" --note "ALLERGY: peanuts"');
    const serveHelp = await rtc(['serve', '--help'], { env });
    expect(serveHelp.stdout).toContain('--recall-window');
  });
});
