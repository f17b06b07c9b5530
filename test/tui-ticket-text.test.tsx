import chalk from 'chalk';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../src/protocol/model.js';
import { KEYS, makeOrder, tick } from './helpers/kitchen-fixtures.js';
import { MIN, mountBoard, T0 } from './helpers/mount-board.js';

const withMods = () => [
  makeOrder('ALG001', T0 - 9 * MIN, {
    customer: 'Ana',
    items: [{ name: 'Burger', qty: 2, mods: ['no onions', 'extra cheese', 'Allergy: peanuts'] }, { name: 'Fries', qty: 1 }],
    note: 'anaphylaxis risk, shellfish',
  }),
  makeOrder('PLAIN1', T0 - 1 * MIN, { customer: 'Ben', items: [{ name: 'Soup', qty: 1 }], note: 'ring the bell twice' }),
];

afterEach(() => {
  delete process.env.NO_COLOR;
  chalk.level = 1;
});

describe('what a cook must read', () => {
  it('shows modifiers under their item and the note; an allergy is marked, upper case and inverse', async () => {
    const { shows, frame, app } = mountBoard(withMods(), {}, [160, 40]);
    await shows('!! NOTE: ANAPHYLAXIS RISK, SHELLFISH');
    const lines = frame().split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at('2× Burger')).toBeLessThan(at('· no onions'));
    expect(at('· no onions')).toBeLessThan(at('· extra cheese'));
    expect(at('!! ALLERGY: PEANUTS')).toBe(at('· extra cheese') + 1);
    expect(at('1× Fries')).toBeGreaterThan(at('!! ALLERGY: PEANUTS'));
    expect(frame()).toContain('!! NOTE: ANAPHYLAXIS RISK, SHELLFISH');
    expect(frame()).toContain('note: ring the bell twice');
    // Inverse video (SGR 7) right on the allergy line, with or without a colour code between.
    expect(app.lastFrame()).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)* *!! ALLERGY: PEANUTS/);
    app.unmount();
  });

  it('with NO_COLOR the board prints no colour at all, yet allergies, lateness and the selection still show', async () => {
    process.env.NO_COLOR = '1';
    const { shows, app } = mountBoard(withMods(), {}, [160, 40]);
    await shows('!! NOTE: ANAPHYLAXIS RISK, SHELLFISH');
    const raw = app.lastFrame() ?? '';
    // No foreground or background colour codes (30-37, 39-47, 49, 90-97, 38;5 / 48;5)...
    expect(raw).not.toMatch(/\u001b\[(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9]+)*m/);
    // ...but inverse for the allergy and the late timer, and words: LATE, !!.
    expect(raw).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)* *!! ALLERGY: PEANUTS/);
    expect(raw).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)*LATE 09:00/);
    app.unmount();
  });

  it('in the narrow list an allergy shows as an inverse !! before the items, mods in brackets, the note after', async () => {
    const { shows, frame, press, app } = mountBoard(withMods(), {}, [80, 24]);
    await shows(/▸1 ALG001/);
    const line = frame()
      .split('\n')
      .find((row) => row.includes('ALG001'))!;
    // The allergies come first, where the end of a long line cannot cut them off.
    expect(line).toMatch(/LATE 09:00 +Ana +!! ALLERGY: PEANUTS; ANAPHYLAXIS RISK/);
    // Off the selection (which is all inverse), the mark alone is in inverse video.
    await press('j');
    await shows(/▸2 PLAIN1/);
    expect(app.lastFrame()).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)*!!/);
    app.unmount();
  });

  it('a 30-item ticket takes the rows its column has, then folds; o opens it in full with its history', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `Dish ${String(i + 1).padStart(2, '0')}`, qty: 1 }));
    const big = makeOrder('BIG001', T0 - MIN, { customer: 'Party of 30', items, note: 'birthday: candles on dish 30' });
    const tall = mountBoard([big], {}, [160, 50]);
    await tall.shows('Dish 30');
    expect(tall.frame()).toContain('note: birthday: candles on dish 30');
    expect(tall.frame()).not.toContain('more lines');
    tall.app.unmount();

    const short = mountBoard([big], {}, [160, 24]);
    short.link.histories = new Map<string, OrderEvent[]>([
      [
        'BIG001',
        [
          { seq: 1, epoch: 'e', orderId: 'BIG001', restaurantId: 'r1', version: 1, type: 'OrderCreated', from: null, to: 'Pending', actor: 'u-alice', reason: null, timestamp: new Date(T0 - MIN).toISOString() },
          { seq: 2, epoch: 'e', orderId: 'BIG001', restaurantId: 'r1', version: 2, type: 'OrderStatusChanged', from: 'Pending', to: 'Confirmed', actor: 'u-chef', reason: null, timestamp: new Date(T0 - 30_000).toISOString() },
          { seq: 3, epoch: 'e', orderId: 'BIG001', restaurantId: 'r1', version: 3, type: 'OrderStatusRecalled', from: 'Confirmed', to: 'Pending', actor: 'u-owner', reason: null, timestamp: new Date(T0 - 10_000).toISOString() },
        ],
      ],
    ]);
    // As many items as the column has rows, then how many more and how to see them.
    await short.shows(/\+\d+ more lines · o opens the ticket/);
    await tick(100);
    const more = /\+(\d+) more lines/.exec(short.frame())![1];
    const shown = short.frame().match(/Dish \d\d/g)!.length;
    expect(shown + Number(more)).toBe(31);
    // 24 rows: two of header, title, id and customer, the more line, message and two of footer; nothing left empty below but one.
    expect(shown).toBeGreaterThanOrEqual(13);
    await short.press('o');
    await short.shows('Ticket BIG001');
    await short.shows('BIG001 · Pending');
    // The history comes over HTTP; once it is in, End scrolls to the last line.
    await tick(200);
    await short.press(KEYS.end);
    await short.shows('History');
    await short.shows(/created, Pending by u-alice/);
    await short.shows(/Pending → Confirmed by u-chef/);
    await short.shows(/RECALLED Confirmed → Pending by u-owner/);
    await short.shows('note: birthday: candles on dish 30');
    await short.press(KEYS.escape);
    await short.shows(/Pending 1/);
    await short.hides('History');
    short.app.unmount();
  });

  it('o with no history source says the history is unavailable, and Enter never opens a ticket', async () => {
    const { shows, press, link, app } = mountBoard(withMods());
    await shows('ALG001');
    await press('o');
    await shows('history unavailable: this screen has no HTTP client');
    await press(KEYS.enter);
    expect(link.requests).toHaveLength(0);
    app.unmount();
  });
});

describe('wide characters', () => {
  const wideOrders = () => [
    makeOrder('CJK001', T0 - 3 * MIN, { customer: '山田太郎', items: [{ name: 'ラーメン', qty: 2 }] }),
    makeOrder('EMO001', T0 - 2 * MIN, { customer: 'ABCDEFGHIJK🍕', items: [{ name: '🍕 Pizza 👨‍👩‍👧', qty: 1 }] }),
    makeOrder('ASC001', T0 - 1 * MIN, { customer: 'Ana', items: [{ name: 'Soup', qty: 1 }] }),
  ];

  for (const columns of [80, 100, 160]) {
    it(`measures and cuts by display width at ${columns} columns: no line overflows, no half character, items line up`, async () => {
      const { shows, frame, app } = mountBoard(wideOrders(), {}, [columns, 24]);
      await shows('ASC001');
      await tick(50);
      const text = frame();
      for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
      expect(text).not.toContain('\uFFFD');
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(text).toContain('山田太郎');
      if (columns < 100) {
        // The list: every ticket's items start in the same cell, whatever the customer's name.
        const starts = ['2× ラーメン', '1× 🍕 Pizza', '1× Soup'].map((item) => {
          const line = text.split('\n').find((row) => row.includes(item))!;
          return stringWidth(line.slice(0, line.indexOf(item)));
        });
        expect(new Set(starts).size).toBe(1);
      }
      app.unmount();
    });
  }

  it('in the list a line cut beside a wide character ends in …, the character left out whole', async () => {
    // 41 cells before the items at 80 columns; the items take 41, and the wide 寿 would take the last two cells.
    const long = makeOrder('WIDE01', T0 - MIN, { customer: 'Ana', items: [{ name: `${'a'.repeat(34)}寿司`, qty: 1 }] });
    const { shows, frame, app } = mountBoard([long], {}, [80, 24]);
    await shows(/▸1 WIDE01/);
    const line = frame()
      .split('\n')
      .find((row) => row.includes('WIDE01'))!;
    expect(line.endsWith(`1× ${'a'.repeat(34)}…`)).toBe(true);
    expect(stringWidth(line)).toBe(79);
    app.unmount();
  });

  for (const columns of [80, 120]) {
    it(`a zero-width character costs a name or an item none of its letters at ${columns} columns`, async () => {
      const zeroWidth = makeOrder('ZW0001', T0 - MIN, { customer: 'Jo\u200Bhanna', items: [{ name: 'Bur\u200Bger', qty: 1 }] });
      const { shows, frame, app } = mountBoard([zeroWidth], {}, [columns, 24]);
      await shows(columns < 100 ? /▸1 ZW0001/ : /┃ 1 ZW0001/);
      expect(frame()).toContain('Jo\u200Bhanna');
      expect(frame()).toContain('1× Bur\u200Bger');
      app.unmount();
    });
  }

  it('a NEW tag does not push its row out of line', async () => {
    const { shows, frame, link, app } = mountBoard(wideOrders(), {}, [80, 24]);
    await shows('ASC001');
    link.add(makeOrder('NEW001', T0, { customer: 'Zoe', items: [{ name: 'Tea', qty: 1 }] }));
    await shows(/NEW001.*NEW/);
    const cell = (item: string) => {
      const line = frame()
        .split('\n')
        .find((row) => row.includes(item))!;
      return stringWidth(line.slice(0, line.indexOf(item)));
    };
    expect(cell('1× Tea')).toBe(cell('1× Soup'));
    app.unmount();
  });
});
