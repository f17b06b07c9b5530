import { describe, expect, it } from 'vitest';
import { RtcError } from '../src/protocol/errors.js';
import { KEYS, tick } from './helpers/kitchen-fixtures.js';
import { MIN, mountBoard, T0 } from './helpers/mount-board.js';

// Oldest first: PREP01 (9 min), CONF01 (6), OUT001 (4), PEND01 (2), PEND02 (1); PREP01 is selected at start.

describe('kitchen board: no wrong bumps, and undo', () => {
  it('a double press (Enter twice 150 ms apart) bumps once; a press after the guard bumps again', async () => {
    // The guard's clock is the test's, so a loaded machine cannot stretch 150 ms into 300.
    let pressedAt = 0;
    const { shows, link, press, app } = mountBoard(undefined, { pressClock: () => pressedAt });
    await shows('PEND01');
    await press(KEYS.enter);
    pressedAt += 150;
    await press(KEYS.enter);
    expect(link.requests).toEqual([{ kind: 'advance', orderId: 'PREP01', options: { expect: 'Preparing' } }]);
    pressedAt += 350;
    await press(KEYS.enter);
    expect(link.requests).toHaveLength(2);
    // A number key is guarded the same way, per ticket.
    await press('4', '4');
    expect(link.requests.filter((request) => request.orderId === 'PEND01')).toHaveLength(1);
    app.unmount();
  });

  it('a key acts on the ticket selected, which another screen moved on: the same ticket, with its new status as expect', async () => {
    const { shows, link, press, app } = mountBoard(undefined, {}, [80, 24]);
    await shows('PEND01');
    await press('h', 'h', 'j');
    await shows(/▸5 PEND02/);
    // PEND02 is bumped elsewhere; the selection follows it, so Enter still means PEND02 (now Confirmed).
    link.move('PEND02', 'Confirmed');
    await shows(/Confirmed 2/);
    await press(KEYS.enter);
    expect(link.requests.at(-1)).toMatchObject({ orderId: 'PEND02', options: { expect: 'Confirmed' } });
    app.unmount();
  });

  it('u undoes this screen\'s last bump through recall, and says what it undid', async () => {
    const { shows, link, press, app } = mountBoard();
    await shows('PEND01');
    await press('u');
    await shows('nothing to undo: this screen has not bumped anything yet');
    await press(KEYS.enter);
    await shows('PREP01 → Out for Delivery');
    await press('u');
    expect(link.requests.at(-1)).toEqual({ kind: 'recall', orderId: 'PREP01', options: { expect: 'Out for Delivery' } });
    await shows('undid bump of PREP01 (Preparing → Out for Delivery)');
    // Nothing left to undo on this screen.
    await tick(350);
    await press('u');
    await shows('nothing left to undo');
    app.unmount();
  });

  it('a refused recall says why', async () => {
    const { shows, link, press, app } = mountBoard();
    await shows('PEND01');
    await press(KEYS.enter);
    await shows('PREP01 → Out for Delivery');
    link.refusal = new RtcError('INVALID_TRANSITION', 'the recall window (15 min) is over');
    await press('u');
    await shows('recall PREP01 refused: the recall window (15 min) is over');
    app.unmount();
  });

  it('the final bump (Out for Delivery → Delivered) asks y / n; n keeps the ticket', async () => {
    const { shows, hides, link, press, app } = mountBoard();
    await shows('PEND01');
    await press('l', 'l');
    await press(KEYS.enter);
    await shows('Mark OUT001 (Emeka) Delivered? It leaves the board. y / n');
    await shows('mark it delivered');
    await press('n');
    await hides('Mark OUT001');
    expect(link.requests).toHaveLength(0);
    await tick(350);
    await press(KEYS.enter, 'y');
    expect(link.requests).toEqual([{ kind: 'advance', orderId: 'OUT001', options: { expect: 'Out for Delivery' } }]);
    app.unmount();
  });

  it('a y / n prompt closes when its ticket changes on another screen, and says so; y then does nothing (cook trial, finding 4)', async () => {
    const { shows, hides, link, press, frame, app } = mountBoard();
    await shows('PEND01');
    await press('l', 'l', KEYS.enter);
    await shows('Mark OUT001 (Emeka) Delivered? It leaves the board. y / n');
    link.move('OUT001', 'Preparing', { recalled: true });
    await hides('Mark OUT001');
    await shows('OUT001 changed on another screen (it is Preparing now): nothing done');
    await press('y');
    expect(link.requests).toHaveLength(0);
    await press('x');
    await shows('Cancel OUT001 (Emeka, Preparing)? y / n');
    link.move('OUT001', 'Cancelled');
    await hides('Cancel OUT001');
    await shows('OUT001 left the board: nothing done');
    await press('y');
    expect(link.requests).toHaveLength(0);
    app.unmount();
  });

  it('a refusal because someone changed the ticket first says so once, with no "refresh" on a live board', async () => {
    const { shows, link, press, frame, app } = mountBoard();
    await shows('PEND01');
    link.refusal = new RtcError('CONFLICT', 'order is Out for Delivery, not Preparing: someone changed it first; refresh and try again');
    await press(KEYS.enter);
    await shows('bump PREP01 refused: someone changed it first (it is Out for Delivery now, not Preparing)');
    expect(frame()).not.toMatch(/refresh/);
    expect(frame().match(/someone changed it first/g)).toHaveLength(1);
    app.unmount();
  });

  it('an undone final bump brings the ticket back selected, not marked NEW and without the bell (cook trial, finding 5)', async () => {
    const { shows, hides, link, press, frame, rings, app } = mountBoard();
    await shows('PEND01');
    await press('l', 'l', KEYS.enter, 'y');
    expect(link.requests.at(-1)).toMatchObject({ kind: 'advance', orderId: 'OUT001' });
    link.move('OUT001', 'Delivered');
    await shows('Out for Delivery 0');
    await tick(350);
    await press('u');
    expect(link.requests.at(-1)).toMatchObject({ kind: 'recall', orderId: 'OUT001', options: { expect: 'Delivered' } });
    link.move('OUT001', 'Out for Delivery', { recalled: true });
    await shows('Out for Delivery 1');
    await shows(/▸3 OUT001/);
    expect(frame()).not.toMatch(/NEW/);
    expect(rings).toHaveLength(0);
    // Enter acts on it again: the final bump asks first.
    await tick(350);
    await press(KEYS.enter);
    await shows('Mark OUT001 (Emeka) Delivered?');
    app.unmount();
  });

  it('the recall panel lists changes within the window, newest first, with who; Enter recalls the chosen one', async () => {
    const { shows, hides, link, press, setTime, frame, app } = mountBoard();
    await shows('PEND01');
    setTime(T0 - 3 * MIN);
    link.move('PEND01', 'Confirmed', { actor: 'chef2' });
    setTime(T0 - 1 * MIN);
    link.move('OUT001', 'Delivered', { actor: 'owner' });
    setTime(T0);
    await shows('Out for Delivery 0');
    await press('r');
    await shows('Recall · changed in the last 15 min (2)');
    const lines = frame().split('\n');
    const out = lines.findIndex((line) => line.includes('OUT001'));
    const pend = lines.findIndex((line) => line.includes('PEND01'));
    expect(out).toBeGreaterThan(0);
    expect(out).toBeLessThan(pend);
    expect(lines[out]).toMatch(/▸ OUT001 Out for Delivery → Delivered 01:00 ago by owner/);
    expect(lines[pend]).toMatch(/PEND01 Pending → Confirmed 03:00 ago by chef2/);
    await press('j', KEYS.enter);
    expect(link.requests).toEqual([{ kind: 'recall', orderId: 'PEND01', options: { expect: 'Confirmed' } }]);
    await shows('recalled PEND01 from Confirmed');
    // The recall comes back as an event: the order is Pending again and its change leaves the list.
    link.move('PEND01', 'Pending', { recalled: true });
    await press('r', 'r');
    await shows('Recall · changed in the last 15 min (1)');
    await press(KEYS.escape);
    // Past the window, nothing is listed.
    setTime(T0 + 15 * MIN);
    await press('r');
    await shows('nothing to recall: no ticket changed within the window');
    await hides('OUT001 Out for Delivery');
    app.unmount();
  });
});
