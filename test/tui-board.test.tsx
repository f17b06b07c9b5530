import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeOrder, resize, tick } from './helpers/kitchen-fixtures.js';
import { defaultOrders, MIN, mountBoard as mount, T0 } from './helpers/mount-board.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('kitchen board layout', () => {
  it('shows four columns oldest first, with full ids, customers, items and timers when wide', async () => {
    const { frame, app } = mount();
    await tick(10);
    const text = frame();
    for (const title of ['Pending 2', 'Confirmed 1', 'Preparing 1', 'Out for Delivery 1']) expect(text).toContain(title);
    for (const content of ['PEND01', 'Ana', '2× Burger', '1× Fries', '3× Pancakes', '09:00', '02:00']) expect(text).toContain(content);
    // Oldest first within a column: PEND01 came in before PEND02.
    expect(text.indexOf('PEND01')).toBeLessThan(text.indexOf('PEND02'));
    // Columns side by side: the four titles share one line.
    expect(text.split('\n').find((line) => line.includes('Pending 2'))).toContain('Out for Delivery 1');
    app.unmount();
  });

  it('fits 80x24 as a compact list and switches back to columns when the terminal grows', async () => {
    const { frame, app } = mount(defaultOrders(), {}, [80, 24]);
    await tick(10);
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const pendingLine = lines.find((line) => line.includes('PEND01'))!;
    expect(pendingLine).toContain('Ana');
    expect(pendingLine).toContain('2× Burger, 1× Fries');
    expect(frame()).not.toContain('╭');
    resize(app.stdout, 140, 40);
    await tick(10);
    expect(frame()).toContain('╭');
    expect(frame().split('\n').find((line) => line.includes('Pending 2'))).toContain('Preparing 1');
    app.unmount();
  });

  it('keeps 200 tickets within the screen and the selection in view', async () => {
    const many = Array.from({ length: 200 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (200 - i) * 1000));
    const { frame, press, app } = mount(many, {}, [80, 24]);
    await tick(10);
    expect(frame().split('\n').length).toBeLessThanOrEqual(23);
    expect(frame()).toContain('T000');
    expect(frame()).toMatch(/↓ \d+ more/);
    await press(...Array(30).fill('j'));
    expect(frame()).toMatch(/▸. ?T030/);
    expect(frame()).toMatch(/↑ \d+ more/);
    app.unmount();
  });

  it('colours the timer green, then yellow at --warn and red at --late, counting up every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const order = makeOrder('AGE001', T0);
    const { app, setTime } = mount([order], { thresholds: { warnMs: 5 * MIN, lateMs: 8 * MIN } });
    await tick(10);
    const timerColour = () => {
      const raw = app.lastFrame() ?? '';
      const match = /\u001b\[(3\d)m(\d\d:\d\d)/.exec(raw);
      return { code: match?.[1], text: match?.[2] };
    };
    expect(timerColour()).toEqual({ code: '32', text: '00:00' });
    setTime(T0 + 5 * MIN);
    vi.advanceTimersByTime(1000);
    await tick(5);
    expect(timerColour()).toEqual({ code: '33', text: '05:00' });
    setTime(T0 + 8 * MIN);
    vi.advanceTimersByTime(1000);
    await tick(5);
    expect(timerColour()).toEqual({ code: '31', text: '08:00' });
    app.unmount();
  });

  it('says STALE with the attempt while reconnecting, the reason when disconnected, and clears it when back', async () => {
    const { frame, link, app } = mount();
    await tick(10);
    expect(frame()).not.toContain('STALE');
    expect(frame()).toContain('connected · 3 ms');
    link.setState({ status: 'reconnecting', attempt: 4, reason: 'connection lost' });
    await tick(5);
    expect(frame()).toContain('STALE');
    expect(frame()).toContain('reconnecting (attempt 4)');
    expect(frame()).toContain('PEND01');
    link.setState({ status: 'disconnected', reason: 'server went away' });
    await tick(5);
    expect(frame()).toContain('disconnected: server went away');
    link.setState({ status: 'connected', reason: undefined, attempt: 0 });
    await tick(5);
    expect(frame()).not.toContain('STALE');
    app.unmount();
  });

  it('highlights a new ticket for a few seconds and rings once, but not for the tickets there at start', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { frame, link, rings, setTime, app } = mount();
    await tick(10);
    expect(rings).toHaveLength(0);
    link.add(makeOrder('NEW001', T0));
    await tick(5);
    expect(frame()).toMatch(/NEW001 NEW/);
    expect(rings).toHaveLength(1);
    setTime(T0 + 6000);
    vi.advanceTimersByTime(1000);
    await tick(5);
    expect(frame()).toContain('NEW001');
    expect(frame()).not.toMatch(/NEW001 NEW/);
    expect(rings).toHaveLength(1);
    app.unmount();
  });
});
