import { describe, expect, it } from 'vitest';
import { RtcError } from '../src/protocol/errors.js';
import { KEYS, makeOrder, tick } from './helpers/kitchen-fixtures.js';
import { mountBoard, T0 } from './helpers/mount-board.js';

// Oldest first: PREP01 (9 min), CONF01 (6), OUT001 (4), PEND01 (2), PEND02 (1).
async function mounted() {
  const board = mountBoard();
  await board.shows('PEND01');
  return board;
}

const lastRequest = (link: { requests: { kind: string; orderId: string; options: Record<string, unknown> }[] }) => link.requests.at(-1);

describe('kitchen board keys', () => {
  it('Enter and space bump the selected ticket (the oldest at start) with the status on screen as expect', async () => {
    const { shows, hides, link, press, frame, app } = await mounted();
    await press(KEYS.enter);
    expect(link.requests).toEqual([{ kind: 'advance', orderId: 'PREP01', options: { expect: 'Preparing' } }]);
    await shows('PREP01 → Out for Delivery');
    await press(' ');
    expect(link.requests).toHaveLength(2);
    expect(lastRequest(link)).toMatchObject({ orderId: 'PREP01', options: { expect: 'Preparing' } });
    app.unmount();
  });

  it('1-9 bump the ticket that carries the number, and say so when none does', async () => {
    const { shows, hides, link, press, frame, app } = await mounted();
    // At start the oldest take 1 to 5, oldest first: PREP01 1, CONF01 2, OUT001 3, PEND01 4, PEND02 5.
    expect(frame()).toMatch(/┃ ?.?3 OUT001/);
    await press('3');
    // OUT001 is Out for Delivery: its bump is the final one, which asks first.
    await shows('Mark OUT001 (Emeka) Delivered?');
    expect(link.requests).toHaveLength(0);
    await press('y');
    expect(lastRequest(link)).toEqual({ kind: 'advance', orderId: 'OUT001', options: { expect: 'Out for Delivery' } });
    await press('5');
    expect(lastRequest(link)).toMatchObject({ orderId: 'PEND02', options: { expect: 'Pending' } });
    await press('9');
    expect(link.requests).toHaveLength(2);
    await shows('no ticket carries 9: nothing bumped');
    app.unmount();
  });

  it('a ticket keeps its number when others leave; a number that just came free bumps nothing (cook trial, finding 6)', async () => {
    const { shows, link, press, frame, setTime, app } = mountBoard(undefined, {}, [160, 40]);
    await shows('PEND01');
    // The cook reads "3 OUT001"; another screen takes ticket 1 (PREP01) off the board.
    link.move('PREP01', 'Cancelled');
    await shows('Preparing 0');
    expect(frame()).toMatch(/3 OUT001/);
    expect(frame()).toMatch(/4 PEND01/);
    await press('3');
    await shows('Mark OUT001 (Emeka) Delivered?');
    await press('n');
    // 1 left the board a moment ago: pressing it bumps nothing, and a ticket made now does not take it.
    await press('1');
    await shows('ticket 1 (PREP01) left the board: nothing bumped');
    link.add(makeOrder('NEW001', T0, { customer: 'Zoe' }));
    await shows(/6 NEW001/);
    await press('1');
    expect(link.requests).toHaveLength(0);
    // Once the hold is over, the next new ticket takes the lowest free number.
    setTime(T0 + 4000);
    link.add(makeOrder('NEW002', T0 + 4000, { customer: 'Yan' }));
    await shows(/1 NEW002/);
    expect(frame()).toMatch(/6 NEW001/);
    await press('1');
    expect(lastRequest(link)).toMatchObject({ orderId: 'NEW002', options: { expect: 'Pending' } });
    app.unmount();
  });

  it('beyond nine tickets the rest have no number until one comes free; then the oldest without one takes it', async () => {
    const many = Array.from({ length: 12 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (20 - i) * 1000));
    const { shows, link, press, frame, setTime, app } = mountBoard(many, {}, [80, 24]);
    await shows('T008');
    expect(frame()).toMatch(/9 T008/);
    expect(frame()).toMatch(/^ {3}T009/m);
    link.move('T002', 'Cancelled');
    await shows('Pending 11');
    setTime(T0 + 4000);
    await press('j');
    await shows(/3 T009/);
    expect(frame()).toMatch(/^ {3}T010/m);
    app.unmount();
  });

  it('a number key bumps only a ticket on the screen: not one scrolled out of view, not one the filter hides', async () => {
    const many = Array.from({ length: 40 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (40 - i) * 1000));
    const { shows, link, press, app } = mountBoard(many, {}, [80, 24]);
    await shows(/▸1 T000/);
    await press('G');
    await shows(/▸. T039/);
    await press('1');
    await shows('ticket 1 (T000) is not on the screen: nothing bumped');
    expect(link.requests).toHaveLength(0);
    await press('g', '/', 'T03', KEYS.enter);
    await shows('filter: T03');
    await press('2');
    await shows('ticket 2 (T001) is hidden by the filter: nothing bumped');
    expect(link.requests).toHaveLength(0);
    await press(KEYS.escape, 'g');
    await shows(/▸1 T000/);
    await press('2');
    expect(lastRequest(link)).toMatchObject({ orderId: 'T001' });
    app.unmount();
  });

  it('arrows and h j k l move the selection between and within columns', async () => {
    const { shows, hides, link, press, app } = await mounted();
    const bumpedAfter = async (...keys: string[]) => {
      const [last] = keys.slice(-1);
      // The final bump asks y/n: the y comes after Enter.
      if (last === 'y') await press(...keys.slice(0, -1), KEYS.enter, 'y');
      else await press(...keys, KEYS.enter);
      return lastRequest(link)?.orderId;
    };
    expect(await bumpedAfter('h')).toBe('CONF01');
    expect(await bumpedAfter('h')).toBe('PEND01');
    expect(await bumpedAfter('j')).toBe('PEND02');
    expect(await bumpedAfter('k')).toBe('PEND01');
    expect(await bumpedAfter(KEYS.down)).toBe('PEND02');
    expect(await bumpedAfter(KEYS.up)).toBe('PEND01');
    expect(await bumpedAfter('l')).toBe('CONF01');
    expect(await bumpedAfter(KEYS.right, KEYS.right, KEYS.right, 'y')).toBe('OUT001');
    expect(await bumpedAfter(KEYS.left)).toBe('PREP01');
    app.unmount();
  });

  it('in the narrow list, j and k run on through the statuses', async () => {
    const { shows, link, press, app } = mountBoard(undefined, {}, [80, 24]);
    await shows(/▸. PREP01/);
    await press('j', KEYS.enter, 'y');
    expect(lastRequest(link)?.orderId).toBe('OUT001');
    await press('k', 'k', KEYS.enter);
    expect(lastRequest(link)?.orderId).toBe('CONF01');
    await shows(/▸. CONF01/);
    app.unmount();
  });

  it('keeps the selection on its ticket when another screen bumps it, and selects nothing when it leaves', async () => {
    const { shows, link, press, app } = await mounted();
    await press('h', 'h');
    link.move('PEND01', 'Confirmed');
    await shows(/Pending 1\s+Confirmed 2/);
    await press(KEYS.enter);
    // Still PEND01, now Confirmed: never PEND02, which took its old place.
    expect(lastRequest(link)).toMatchObject({ orderId: 'PEND01', options: { expect: 'Confirmed' } });
    link.move('PEND01', 'Cancelled');
    await shows(/Confirmed 1/);
    await press(" ");
    await shows('nothing to bump: PEND01 left the board; move to choose a ticket');
    expect(link.requests).toHaveLength(1);
    await press('j', KEYS.enter);
    expect(link.requests).toHaveLength(2);
    app.unmount();
  });

  it('x asks before cancelling: n and esc keep the order, y cancels it with expect', async () => {
    const { shows, hides, link, press, frame, app } = await mounted();
    await press('x');
    await shows('Cancel PREP01 (Dev, Preparing)? y / n');
    await shows('cancel the order');
    await press('n');
    await hides('Cancel PREP01');
    await press('x');
    await shows('Cancel PREP01');
    await press(KEYS.escape);
    await hides('Cancel PREP01');
    expect(link.requests).toHaveLength(0);
    await press('x', 'y');
    expect(link.requests).toEqual([{ kind: 'cancel', orderId: 'PREP01', options: { reason: 'cancelled at the kitchen display', expect: 'Preparing' } }]);
    await shows('PREP01 cancelled');
    app.unmount();
  });

  it('a toggles the all-day totals over the open orders; esc closes it', async () => {
    const { shows, hides, press, frame, app } = await mounted();
    await press('a');
    await shows('All day · 5 open orders');
    await shows(/3× Burger \(2 orders\)/);
    await shows(/3× Pancakes/);
    await press('a');
    await hides('All day');
    await press('a');
    await shows('All day');
    await press(KEYS.escape);
    await hides('All day');
    await shows('PEND01');
    app.unmount();
  });

  it('r toggles recall, which lists the orders that left the board', async () => {
    const { shows, hides, link, press, app } = await mounted();
    link.move('OUT001', 'Delivered');
    await shows('Out for Delivery 0');
    await press('r');
    await shows('Recall · changed in the last 15 min (1)');
    await shows(/OUT001 Out for Delivery → Delivered/);
    await press('r');
    await hides('Recall');
    app.unmount();
  });

  it('/ filters by customer, id or item as you type; Enter keeps it, esc clears it', async () => {
    const { shows, hides, press, frame, app } = await mounted();
    await press('/', 'b', 'u', 'r');
    await shows('/ bur');
    await shows('PEND01');
    await shows('PREP01');
    await hides('PEND02');
    await press(KEYS.backspace, KEYS.backspace, KEYS.backspace, 'a', 'n', 'a', KEYS.enter);
    await shows('filter: ana');
    await shows('PEND01');
    await hides('PREP01');
    // q while the filter is kept still quits later; here, esc clears the filter.
    await press(KEYS.escape);
    await hides('filter: ana');
    await shows('PREP01');
    app.unmount();
  });

  it('the filter ignores accents, and esc puts the selection back where it was before the filter (cook trial, finding 10)', async () => {
    const { shows, hides, link, press, frame, app } = await mounted();
    await press('/', 'c', 'h', 'l', 'o', 'e');
    await shows('/ chloe');
    await shows('CONF01');
    await hides('PEND01');
    // The filter moved the selection to what it shows; esc clears it and the selection goes back.
    await press(KEYS.escape);
    await hides('filter:');
    await shows('PEND01');
    await press(KEYS.enter);
    expect(lastRequest(link)).toMatchObject({ orderId: 'PREP01' });
    // A move made under the filter is the cook's own choice: esc keeps it.
    await press('/', 'b', 'u', 'r', KEYS.enter);
    await shows('filter: bur');
    await press('h', 'h');
    await press(KEYS.escape);
    await hides('filter: bur');
    await tick(350);
    await press(KEYS.enter);
    expect(lastRequest(link)).toMatchObject({ orderId: 'PEND01' });
    app.unmount();
  });

  it('? shows help and esc closes it', async () => {
    const { shows, hides, press, frame, app } = await mounted();
    await press('?');
    await shows('bump the ticket with that number');
    await press(KEYS.escape);
    await hides('bump the ticket with that number');
    app.unmount();
  });

  it('q and Ctrl-C quit', async () => {
    const first = await mounted();
    await first.press('q');
    expect(first.exited.value).toBe(true);
    const second = await mounted();
    await second.press(KEYS.ctrlC);
    expect(second.exited.value).toBe(true);
  });

  it('says why a bump was refused: conflict, rate limit, forbidden, offline', async () => {
    // Four Enters on one ticket in quick succession: without the bump bar's debounce.
    const { shows, link, press, app } = mountBoard(undefined, { pressGuardMs: 0 });
    await shows('PEND01');
    const refusals: [RtcError, string][] = [
      [new RtcError('CONFLICT', 'order is Out for Delivery, not Preparing'), 'bump PREP01 refused: someone changed it first'],
      [new RtcError('RATE_LIMITED', 'slow down', { retryAfter: 2 }), 'try again in 2 s'],
      [new RtcError('FORBIDDEN', 'not your restaurant'), 'your login may not do that'],
      [new RtcError('UNREACHABLE', 'offline'), 'not sent: offline'],
    ];
    for (const [refusal, message] of refusals) {
      link.refusal = refusal;
      await press(KEYS.enter);
      await shows(message);
    }
    app.unmount();
  });

  it('keys that arrive together in one read each act, in order (cook trial, finding 3)', async () => {
    const { shows, hides, link, app } = mountBoard(undefined, {}, [80, 24]);
    await shows(/▸1 PREP01/);
    // One chunk, as a fast typist over SSH, a bump bar macro or a paste sends it: move up, then bump.
    app.stdin.write('k\r');
    await shows('CONF01 → Preparing');
    expect(link.requests).toEqual([{ kind: 'advance', orderId: 'CONF01', options: { expect: 'Confirmed' } }]);
    // Enter Enter in one chunk is a double press: one bump (the 300 ms debounce), not none and not two.
    app.stdin.write('\r\r');
    await tick(50);
    expect(link.requests).toHaveLength(1);
    // Two number keys in one chunk bump both tickets.
    app.stdin.write('45');
    await tick(50);
    expect(link.requests.slice(1).map((request) => request.orderId)).toEqual(['PEND01', 'PEND02']);
    app.unmount();
  });

  it('a key right after a filter in the same read sees the filter, not the frame before it', async () => {
    const many = Array.from({ length: 12 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (20 - i) * 1000));
    const { shows, hides, link, app } = mountBoard(many, {}, [120, 40]);
    await shows('T000');
    // Filter to T01x and keep it, then 2 (T001, now filtered out); then down twice (T010, T011) and Enter.
    app.stdin.write('/T01\r2');
    await shows('ticket 2 (T001) is hidden by the filter: nothing bumped');
    expect(link.requests).toEqual([]);
    app.stdin.write('\u001b');
    await hides('filter: T01');
    app.stdin.write('g');
    await shows(/▸1 T000/);
    app.stdin.write('/T01\rjj\r');
    await tick(50);
    expect(link.requests).toEqual([{ kind: 'advance', orderId: 'T011', options: { expect: 'Pending' } }]);
    app.unmount();
  });

  it('in the filter, several Backspaces in one read each erase a character, and Ctrl-U clears it', async () => {
    const { shows, hides, press, frame, app } = mountBoard();
    await shows('PEND01');
    await press('/');
    app.stdin.write('zoë宫保');
    await shows('/ zoë宫保▏');
    app.stdin.write('\u007f\u007f\u007f');
    await shows('/ zo▏');
    expect(frame()).not.toContain('\uFFFD');
    app.stdin.write('\u0015');
    await shows(/\/ ▏/);
    app.unmount();
  });

  it('runs a key the host added, and lists it in the footer and help', async () => {
    let restarted = 0;
    const extra = { key: '!', hint: 'restart server', help: 'restart the demo server', run: async () => `restarted ${++restarted}` };
    const { shows, hides, press, frame, app } = mountBoard(undefined, { extraActions: [extra] });
    await shows('restart server');
    await press('!');
    await shows('restarted 1');
    expect(restarted).toBe(1);
    await press('?');
    await shows('restart the demo server');
    app.unmount();
  });
});
