import chalk from 'chalk';
import { INVISIBLE, INVISIBLE_CHARS, LONE_SURROGATES } from './helpers/unprintable.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inertText } from '../src/protocol/inert-text.js';
import type { OrderEvent } from '../src/protocol/model.js';
import { KEYS, makeOrder, tick } from './helpers/kitchen-fixtures.js';
import { mountBoard, T0 } from './helpers/mount-board.js';

// Anything a terminal could act on: C0 and C1 controls, DEL, and the bidirectional overrides and isolates.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/; // \n separates the frame's lines
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

const hostileChar = fc.oneof(
  fc.constantFrom('\u001b', '\u0007', '\u0008', '\r', '\t', '\u0000', '\u007f', '\u009b', '\u0085', '\u202e', '\u202d', '\u2066', '\u2069', '\n'),
  fc.constantFrom('\u001b[2J', '\u001b[31m', '\u001b]0;pwned\u0007', '\u001b[10A', '\u009b1;1H', '\u001bP+q\u001b\\'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
  fc.constantFrom('山', '🍕', 'é', ' ', 'allergy'),
  fc.constantFrom(...INVISIBLE_CHARS, ...LONE_SURROGATES),
);
const hostile = fc.array(hostileChar, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

describe('inertText', () => {
  it('leaves no control character or bidi override, and leaves plain text as it is', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const safe = inertText(text);
        expect(safe).not.toMatch(CONTROL);
        expect(safe).not.toMatch(/\n/);
        expect(safe).not.toMatch(BIDI);
        expect(safe).not.toMatch(INVISIBLE);
      }),
    );
    expect(inertText('2× Burger — 山田 🍕')).toBe('2× Burger — 山田 🍕');
    expect(inertText('a\u001b[2Jb\u202ec')).toBe('a␛[2Jb\uFFFDc');
  });
});

describe('the board prints order text inertly', () => {
  beforeAll(() => {
    // No colours at all: then the frame must hold no ESC whatsoever.
    process.env.NO_COLOR = '1';
    chalk.level = 0;
  });
  afterAll(() => {
    delete process.env.NO_COLOR;
    chalk.level = 1;
  });

  it('for random names, items, mods, notes, reasons, restaurant and user, the frame has no ESC, no control character, no bidi override', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ customer: hostile, item: hostile, mod: hostile, note: hostile, restaurant: hostile, user: hostile, reason: hostile, id: hostile }), async (text) => {
        const order = makeOrder('SAFE01', T0 - 60_000, { customer: text.customer, items: [{ name: text.item, qty: 1, mods: [text.mod, `allergy ${text.mod}`] }], note: text.note });
        const other = { ...makeOrder('X', T0, { status: 'Confirmed' }), id: text.id.slice(0, 12) || 'X' };
        const events: OrderEvent[] = [
          { seq: 1, epoch: 'e', orderId: 'SAFE01', restaurantId: 'r1', version: 1, type: 'OrderCreated', from: null, to: 'Pending', actor: text.user, reason: text.reason, timestamp: new Date(T0).toISOString() },
        ];
        for (const size of [[120, 30], [80, 24]] as [number, number][]) {
          const { shows, press, app, link } = mountBoard([order, other], { restaurant: text.restaurant, user: text.user }, size);
          link.histories = new Map([['SAFE01', events]]);
          await shows('SAFE01');
          const frames = [app.lastFrame() ?? ''];
          // The open ticket (items, mods, note, history with actor and reason), and a message with the text.
          await press('o');
          await tick(30);
          frames.push(app.lastFrame() ?? '');
          await press(KEYS.escape, '/', ...[...text.item.replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 3));
          await tick(10);
          frames.push(app.lastFrame() ?? '');
          app.unmount();
          for (const seen of frames) {
            expect(seen).not.toContain('\u001b');
            expect(seen).not.toMatch(CONTROL);
            expect(seen).not.toMatch(BIDI);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
