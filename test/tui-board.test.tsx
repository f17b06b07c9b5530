import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeOrder, resize, tick } from './helpers/kitchen-fixtures.js';
import { defaultOrders, MIN, mountBoard as mount, T0 } from './helpers/mount-board.js';
import { waitFor } from './helpers/wait.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('kitchen board layout', () => {
  it('shows four columns oldest first, with full ids, customers, items and timers when wide', async () => {
    const { shows, frame, app } = mount();
    await shows('Out for Delivery 1');
    const text = frame();
    for (const title of ['Pending 2', 'Confirmed 1', 'Preparing 1', 'Out for Delivery 1']) expect(text).toContain(title);
    for (const content of ['PEND01', 'Ana', '2× Burger', '1× Fries', '3× Pancakes', '09:00', '02:00']) expect(text).toContain(content);
    // Oldest first within a column: PEND01 came in before PEND02.
    expect(text.indexOf('PEND01')).toBeLessThan(text.indexOf('PEND02'));
    // Columns side by side: the four titles share one line.
    expect(text.split('\n').find((line) => line.includes('Pending 2'))).toContain('Out for Delivery 1');
    app.unmount();
  });

  it('starts every ticket right under its column title, whichever is selected', async () => {
    const { shows, frame, press, app } = mount();
    await shows('PREP01');
    const underTitles = () => {
      const lines = frame().split('\n');
      return lines[lines.findIndex((line) => line.startsWith('Pending 2') && !line.includes('open')) + 1] ?? '';
    };
    for (const key of ['', 'h', 'h', 'l', 'l', 'l']) {
      await press(...(key ? [key] : []));
      expect(underTitles()).toMatch(/PEND01.*CONF01.*PREP01.*OUT001/);
    }
    app.unmount();
  });

  it('fits 80x24 as a compact list and switches back to columns when the terminal grows', async () => {
    const { shows, hides, frame, app } = mount(defaultOrders(), {}, [80, 24]);
    await shows('PEND01');
    await hides('┃');
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const pendingLine = lines.find((line) => line.includes('PEND01'))!;
    expect(pendingLine).toContain('Ana');
    expect(pendingLine).toContain('2× Burger, 1× Fries');
    // The footer wraps onto a second line rather than drop a key at 80 columns.
    expect(lines.slice(-2).join('  ')).toMatch(/⏎ bump .*x cancel .*u undo .*r recall .*\? help .*q quit/);
    resize(app.stdout, 140, 40);
    await shows('┃');
    expect(frame().split('\n').find((line) => line.includes('Pending 2'))).toContain('Preparing 1');
    app.unmount();
  });

  it('keeps 200 tickets within the screen and the selection in view', async () => {
    const many = Array.from({ length: 200 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (200 - i) * 1000));
    const { shows, frame, press, app } = mount(many, {}, [80, 24]);
    await shows(/↓ \d+ more/);
    expect(frame()).toContain('T000');
    expect(frame().split('\n').length).toBeLessThanOrEqual(23);
    await press(...Array(30).fill('j'));
    await shows(/▸. ?T030/);
    await shows(/↑ \d+ more/);
    app.unmount();
  });

  it('coalesces a burst of board changes into a few renders', async () => {
    const { shows, link, app } = mount(defaultOrders(), { frameMs: 66 });
    await shows('PEND01');
    const before = app.frames.length;
    // Fifty changes, each in its own turn of the event loop, over some 50-100 ms.
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      link.add(makeOrder(`BURST${String(i).padStart(2, '0')}`, T0));
      await tick(1);
    }
    const spanMs = Date.now() - started;
    await shows('Pending 52');
    await tick(100);
    // About one render per 66 ms of burst, plus the first and the last (and maybe a clock tick): not fifty.
    expect(app.frames.length - before).toBeLessThanOrEqual(Math.ceil(spanMs / 66) + 3);
    app.unmount();
  });

  it('colours the timer green, then yellow at --warn and red at --late, counting up every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const order = makeOrder('AGE001', T0);
    const { app, setTime } = mount([order], { thresholds: { warnMs: 5 * MIN, lateMs: 8 * MIN } });
    // The timer's colour code (32 green, 33 yellow, 31 red), then its word (none, WARN, LATE) and mm:ss.
    const timer = () =>
      /\u001b\[(3\d)m(?:\u001b\[\d+m)*((?:WARN |LATE )?\d\d:\d\d)/
        .exec(app.lastFrame() ?? '')
        ?.slice(1, 3)
        .join(' ');
    await waitFor(() => timer() === '32 00:00', 'a green 00:00');
    setTime(T0 + 5 * MIN - 1000);
    vi.advanceTimersByTime(1000);
    await waitFor(() => timer() === '32 04:59', 'still green at 04:59');
    setTime(T0 + 5 * MIN);
    vi.advanceTimersByTime(1000);
    await waitFor(() => timer() === '33 WARN 05:00', 'yellow and WARN at 05:00');
    setTime(T0 + 8 * MIN);
    vi.advanceTimersByTime(1000);
    await waitFor(() => timer() === '31 LATE 08:00', 'red and LATE at 08:00');
    app.unmount();
  });

  it('says STALE with the attempt while reconnecting, the reason when disconnected, and clears it when back', async () => {
    const { shows, hides, frame, link, app } = mount();
    await shows('connected · 3 ms');
    expect(frame()).not.toContain('STALE');
    link.setState({ status: 'reconnecting', attempt: 4, reason: 'connection lost', since: T0 - 75_000 });
    await shows('STALE 01:15');
    await shows('reconnecting (attempt 4)');
    await shows('PEND01');
    link.setState({ status: 'disconnected', reason: 'server went away' });
    await shows('disconnected: server went away');
    link.setState({ status: 'connected', reason: undefined, attempt: 0 });
    await hides('STALE');
    app.unmount();
  });

  it('keeps who and where in a narrow header and gives the connection a line of its own, STALE first', async () => {
    const { shows, frame, link, app } = mount(defaultOrders(), {}, [80, 24]);
    await shows('PEND01');
    link.setState({ status: 'reconnecting', attempt: 12, reason: 'cannot reach http://kitchen-server.example:4000 (websocket error)' });
    await shows('STALE');
    const [who, connection] = frame().split('\n');
    expect(who).toContain('Demo Bistro · chef (staff) · ');
    expect(connection).toMatch(/^ STALE \d\d:\d\d +● reconnecting \(attempt 12\)/);
    for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    app.unmount();
  });

  it('highlights a new ticket for a few seconds and rings once, but not for the tickets there at start', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { shows, hides, link, rings, setTime, app } = mount();
    await shows('PEND01');
    expect(rings).toHaveLength(0);
    link.add(makeOrder('NEW001', T0));
    await shows(/Guest NEW001 +NEW/);
    expect(rings).toHaveLength(1);
    setTime(T0 + 6000);
    vi.advanceTimersByTime(1000);
    await hides(/Guest NEW001 +NEW/);
    await shows('NEW001');
    expect(rings).toHaveLength(1);
    app.unmount();
  });
});
