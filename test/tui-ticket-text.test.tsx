import chalk from 'chalk';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../src/protocol/model.js';
import { render } from 'ink-testing-library';
import { OrderTimeline } from '../src/client/order-timeline.js';
import { OrderTimelineScreen } from '../src/tui/components/order-timeline-screen.js';
import { boardWith, EPOCH, FakeLink, KEYS, makeOrder, resize, tick } from './helpers/kitchen-fixtures.js';
import { MIN, mountBoard, strip, T0 } from './helpers/mount-board.js';
import { waitFor } from './helpers/wait.js';
import { keepAttributes } from '../src/tui/terminal-styles.js';

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

  for (const [variable, value] of [
    ['NO_COLOR', '1'],
    ['FORCE_COLOR', '0'],
    ['TERM', 'dumb'],
  ] as const) {
    it(`with ${variable}=${value} the board prints no colour, yet bold and inverse stay: allergies, lateness and the selection show at every size (cook trial, finding 12)`, async () => {
      const before = process.env[variable];
      process.env[variable] = value;
      // As rtc starts with NO_COLOR (chalk level 0, for its tables), then as the screen runner sets it up.
      chalk.level = 0;
      keepAttributes();
      try {
        for (const size of [
          [160, 40],
          [80, 24],
        ] as [number, number][]) {
          const { shows, press, app } = mountBoard(withMods(), {}, size);
          await shows('ALG001');
          await tick(30);
          // The selected ticket: a ▸ before its number, on the wide card as in the list.
          await shows(/▸1 ALG001/);
          await press('j');
          await shows(/▸2 PLAIN1/);
          const raw = app.lastFrame() ?? '';
          // No foreground or background colour codes (30-37, 39-47, 49, 90-97, 38;5 / 48;5)...
          expect(raw).not.toMatch(/\u001b\[(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9]+)*m/);
          // ...but inverse for the allergy, the late timer and the selection, bold, and the words LATE and !!.
          expect(raw).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)* *!!/);
          expect(raw).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)*LATE 09:00/);
          expect(raw).toMatch(/\u001b\[7m(\u001b\[[0-9;]*m)*(▸2 (\u001b\[[0-9;]*m)*)?PLAIN1/);
          expect(raw).toMatch(/\u001b\[1m/);
          app.unmount();
        }
      } finally {
        if (before === undefined) delete process.env[variable];
        else process.env[variable] = before;
      }
    });
  }

  it('in the narrow list an allergy shows as an inverse !! before the items, mods in brackets, the note after', async () => {
    const { shows, hides, frame, press, app } = mountBoard(withMods(), {}, [80, 24]);
    await shows(/▸1 ALG001/);
    await hides('┃');
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

/** The words of `text`, in order, with only white space (line breaks and indents included) between them. */
const wholeText = (text: string) => new RegExp(text.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));

/** The frame without the borders of panels and cards, which stand between the rows of a wrapped text. */
const unframed = (text: string) => text.replace(/[│┃]/g, ' ');

const LONG_ALLERGY_NOTE = `${'Please be careful this is a very long note. '.repeat(5)}Severe anaphylaxis to sesame - EpiPen on hand`;

describe('an allergy is never cut off (cook trial, findings 1, 2, 7, 11)', () => {
  const trialOrders = () => [
    makeOrder('DXGCR2', T0 - 3 * MIN, { customer: 'Maximilian Mustermann', items: [{ name: 'Club Sandwich', qty: 1, mods: ['gluten-free bread', 'no mayo'] }], note: LONG_ALLERGY_NOTE }),
    makeOrder('RMEBTC', T0 - 2 * MIN, { customer: 'Luis', items: [{ name: 'Tacos', qty: 1 }], note: 'alergia al maní - muy grave' }),
    makeOrder('W9ZDAA', T0 - 2 * MIN + 1, { customer: 'Kim', items: [{ name: 'Satay', qty: 1, mods: ['peanut sauce on side'] }], note: 'Customer is celiac: strictly NO gluten; nut-free' }),
    makeOrder('NOODLE', T0 - 1 * MIN, { customer: 'Wei', items: [{ name: 'Noodles', qty: 1 }], note: '顾客对花生过敏' }),
  ];

  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
  ] as const) {
    it(`at ${columns}x${rows} the list shows every allergy in full, wrapped onto the ticket's own lines`, async () => {
      const seen: string[] = [];
      for (const order of trialOrders()) {
        const { shows, frame, app } = mountBoard([order], {}, [columns, rows]);
        await shows(order.id);
        await tick(50);
        seen.push(frame());
        for (const line of frame().split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
        app.unmount();
      }
      const text = seen.join('\n');
      expect(text).toMatch(wholeText(`!! GLUTEN-FREE BREAD; ${LONG_ALLERGY_NOTE.toUpperCase()}`));
      expect(text).toMatch(wholeText('!! ALERGIA AL MANÍ - MUY GRAVE'));
      expect(text).toMatch(wholeText('!! CUSTOMER IS CELIAC: STRICTLY NO GLUTEN; NUT-FREE'));
      expect(text).toMatch(/!! 顾客对花生过敏/);
    });
  }

  it('a ticket whose allergies are taller than the whole list says how many rows more and that o opens it', async () => {
    const mods = Array.from({ length: 10 }, (_, i) => `allergy ${i + 1}: ${'severe reaction to many things '.repeat(2)}`.slice(0, 60));
    const order = makeOrder('TALL01', T0 - MIN, { customer: 'Ana', items: [{ name: 'Soup', qty: 1, mods }], note: `Anaphylaxis: ${'please read all of this. '.repeat(20)}` });
    const { shows, frame, app } = mountBoard([order], {}, [80, 24]);
    await shows(/\+\d+ more rows · o opens the ticket/);
    expect(frame()).toMatch(/!! ALLERGY 1: SEVERE REACTION/);
    app.unmount();
  });

  it('below 80 columns the board says the screen is too narrow', async () => {
    const narrow = mountBoard(trialOrders(), {}, [60, 20]);
    await narrow.shows(/too narrow/);
    narrow.app.unmount();
    const fits = mountBoard(trialOrders(), {}, [80, 24]);
    await fits.shows('NOODLE');
    expect(fits.frame()).not.toMatch(/too narrow/);
    fits.app.unmount();
  });

  it('in the list a note is never cut to nothing: one that does not fit after the items gets a row of its own', async () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ name: `Dish number ${i + 1}`, qty: 1 }));
    const short = makeOrder('NOTE01', T0 - 2 * MIN, { customer: 'Ana', items, note: 'leave it at the back door' });
    const long = makeOrder('NOTE02', T0 - MIN, { customer: 'Ben', items, note: 'leave it at the back door, ring twice, and wait for the cook to come out' });
    const { shows, frame, app } = mountBoard([short, long], {}, [80, 24]);
    await shows('NOTE02');
    expect(frame()).not.toMatch(/note…/);
    expect(frame()).toMatch(/^ +note: leave it at the back door$/m);
    expect(frame()).toMatch(/^ +note: leave it at the back door, ring.*…$/m);
    app.unmount();
  });

  it('an item whose name is an allergy is marked like a modifier', async () => {
    const order = makeOrder('ITEM01', T0 - MIN, { customer: 'Ana', items: [{ name: 'Burger', qty: 1 }, { name: 'Gluten-free Pasta', qty: 2 }] });
    const wide = mountBoard([order], {}, [160, 40]);
    await wide.shows('!! 2× GLUTEN-FREE PASTA');
    wide.app.unmount();
    const narrow = mountBoard([order], {}, [80, 24]);
    await narrow.shows(/!! 2× GLUTEN-FREE PASTA/);
    narrow.app.unmount();
  });

  it('the recall panel and the customer\'s order view show an allergy in full too', async () => {
    const order = trialOrders()[0]!;
    const { shows, link, press, frame, app } = mountBoard([order], {}, [80, 24]);
    await shows('DXGCR2');
    link.move('DXGCR2', 'Confirmed');
    await press('r');
    await shows('Recall · changed');
    expect(unframed(frame())).toMatch(wholeText(`!! GLUTEN-FREE BREAD; ${LONG_ALLERGY_NOTE.toUpperCase()}`));
    app.unmount();

    const timeline = new OrderTimeline(order.id);
    timeline.loadSnapshot({ room: `order_${order.id}`, epoch: EPOCH, order });
    const view = render(<OrderTimelineScreen link={new FakeLink(boardWith([]))} timeline={timeline} now={() => T0} />);
    resize(view.stdout, 80, 24);
    await waitFor(() => strip(view.lastFrame()).includes('Order DXGCR2'), 'the order view');
    await tick(50);
    const text = strip(view.lastFrame());
    expect(text).toMatch(wholeText('!! GLUTEN-FREE BREAD'));
    expect(text).toMatch(wholeText(`!! NOTE: ${LONG_ALLERGY_NOTE.toUpperCase()}`));
    view.unmount();
  });

  it('the all-day totals mark an item whose name is an allergy and never cut it', async () => {
    const name = 'Gluten-free and nut-free chocolate brownie with oat milk cream, baked apart from everything else';
    const order = makeOrder('ALLDAY', T0 - MIN, { customer: 'Ana', items: [{ name, qty: 2 }, { name: 'Fries', qty: 1 }] });
    const { shows, press, frame, app } = mountBoard([order], {}, [80, 24]);
    await shows('ALLDAY');
    await press('a');
    await shows('All day');
    expect(unframed(frame())).toMatch(wholeText(`!! ${name.toUpperCase()} (1 order)`));
    expect(frame()).toContain('Fries');
    app.unmount();
  });

  it('a card whose allergy rows alone fill its column shows every one of them, and a ticket pushed below is not counted as on screen', async () => {
    const mods = Array.from({ length: 10 }, (_, i) => `allergy ${i + 1}: nuts`);
    const tall = makeOrder('TALL02', T0 - 2 * MIN, { customer: 'Ana', items: [{ name: 'Soup', qty: 1, mods }, { name: 'Bread', qty: 1, mods }] });
    const below = makeOrder('BELOW1', T0 - MIN, { customer: 'Ben' });
    const { shows, press, frame, app } = mountBoard([tall, below], {}, [160, 30]);
    await shows('TALL02');
    await tick(50);
    expect(frame().match(/!! ALLERGY \d+: NUTS/g)).toHaveLength(20);
    expect(frame()).not.toContain('BELOW1');
    await press('2');
    await shows('ticket 2 (BELOW1) is not on the screen: nothing bumped');
    app.unmount();
  });

  it('on the wide board a folded ticket hoists every allergy line to the top of its card', async () => {
    const items = [...Array.from({ length: 45 }, (_, i) => ({ name: `Dish number ${i + 1}`, qty: 1 })), { name: 'Tahini Bowl', qty: 1, mods: ['ALLERGY: sesame severe'] }];
    const party = makeOrder('BTVQJC', T0 - MIN, { status: 'Preparing', customer: 'Big Party', items, note: 'table 12: one guest has an EpiPen' });
    const { shows, frame, app } = mountBoard([party], {}, [160, 50]);
    await shows(/\+\d+ more lines · o opens the ticket/);
    const lines = frame().split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at('!! ALLERGY: SESAME SEVERE')).toBeGreaterThan(0);
    expect(unframed(frame())).toMatch(wholeText('!! NOTE: TABLE 12: ONE GUEST HAS AN EPIPEN'));
    // At the top of the card, before the first item; the card still says how much is folded.
    expect(at('!! ALLERGY: SESAME SEVERE')).toBeLessThan(at('1× Dish number 1'));
    const shown = frame().match(/1× Dish number \d+/g)!.length;
    expect(shown + Number(/\+(\d+) more lines/.exec(frame())![1])).toBe(46);
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
    it(`a zero-width character (stored before it was refused) shows as � and costs a name or an item none of its letters at ${columns} columns`, async () => {
      const zeroWidth = makeOrder('ZW0001', T0 - MIN, { customer: 'Jo\u200Bhanna', items: [{ name: 'Bur\u200Bger', qty: 1 }] });
      const { shows, frame, app } = mountBoard([zeroWidth], {}, [columns, 24]);
      await shows(columns < 100 ? /▸1 ZW0001/ : /┃ ▸1 ZW0001/);
      expect(frame()).toContain('Jo\uFFFDhanna');
      expect(frame()).toContain('1× Bur\uFFFDger');
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
