import stringWidth from 'string-width';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RtcError } from '../src/protocol/errors.js';
import { KEYS, makeOrder } from './helpers/kitchen-fixtures.js';
import { MIN, mountBoard, T0 } from './helpers/mount-board.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('honest state', () => {
  it('ages follow the server clock: a board 10 min slow or 6 min fast still reads true ages, corrected as the offset moves', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    // Made 30 s ago by the server's clock; our clock (T0) is 10 minutes behind the server.
    const order = makeOrder('SKEW01', T0 + 10 * MIN - 30_000);
    const { shows, link, app } = mountBoard([order], {}, [120, 30]);
    link.clockOffsetMs = 10 * MIN;
    vi.advanceTimersByTime(1000);
    await shows(/SKEW01 +00:30/);
    // The offset is corrected (a stream_head says the server is 6 min behind us, say): the next tick shows it.
    link.clockOffsetMs = -6 * MIN;
    vi.advanceTimersByTime(1000);
    await shows(/SKEW01 +00:00/);
    link.clockOffsetMs = 10 * MIN + 6 * MIN;
    vi.advanceTimersByTime(1000);
    await shows(/SKEW01 +WARN 06:30/);
    app.unmount();
  });

  it('says STALE, for how long, within a tick of silence beyond what the heartbeat allows; connected only once the server is heard again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { shows, hides, link, setTime, app } = mountBoard(undefined, {}, [120, 30]);
    link.silenceAllowedMs = 9000;
    link.lastServerContactAt = T0;
    await shows('connected · 3 ms');
    setTime(T0 + 9000);
    vi.advanceTimersByTime(1000);
    await shows('connected · 3 ms');
    setTime(T0 + 12_000);
    vi.advanceTimersByTime(1000);
    await shows('STALE 00:12');
    await shows('no word from the server for 12 s');
    setTime(T0 + 25_000);
    vi.advanceTimersByTime(1000);
    await shows('STALE 00:25');
    // The socket still says connected, but only a word from the server clears it.
    link.lastServerContactAt = T0 + 25_000;
    vi.advanceTimersByTime(1000);
    await hides('STALE');
    await shows('connected · 3 ms');
    app.unmount();
  });

  it('STALE counts from the last word heard from the server, not from when the link was found dead (cook trial, finding 8)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { shows, link, setTime, app } = mountBoard(undefined, {}, [120, 30]);
    link.silenceAllowedMs = 9000;
    link.lastServerContactAt = T0 - 9500;
    // The heartbeat gives up 9.5 s after the last word: the screen is that old already.
    link.setState({ status: 'reconnecting', attempt: 1, reason: 'no answer from the server within 4 s', since: T0 });
    await shows('STALE 00:09');
    setTime(T0 + 16_000);
    vi.advanceTimersByTime(1000);
    await shows('STALE 00:25');
    app.unmount();
  });

  it('without a last-heard time from the client, the board falls back to the connection state', async () => {
    const { shows, link, setTime, app } = mountBoard();
    setTime(T0 + 60 * MIN);
    await shows('connected · 3 ms');
    link.setState({ status: 'disconnected', reason: 'server went away', since: T0 });
    await shows('STALE');
    app.unmount();
  });

  it('tickets made in the same millisecond show in creation (seq) order, not id order', async () => {
    const { shows, frame, link, app } = mountBoard([], {}, [80, 24]);
    for (const id of ['ZZZ001', 'AAA002', 'MMM003']) link.add(makeOrder(id, T0));
    await shows('MMM003');
    const text = frame();
    expect(text.indexOf('ZZZ001')).toBeLessThan(text.indexOf('AAA002'));
    expect(text.indexOf('AAA002')).toBeLessThan(text.indexOf('MMM003'));
    app.unmount();
  });
});

describe('navigation and 80x24', () => {
  const many = () => Array.from({ length: 40 }, (_, i) => makeOrder(`T${String(i).padStart(3, '0')}`, T0 - (40 - i) * 1000));

  it('Home/End, g/G and PgUp/PgDn move through the list', async () => {
    const { shows, press, app } = mountBoard(many(), {}, [80, 24]);
    await shows(/▸1 T000/);
    await press('G');
    await shows(/▸. T039/);
    await press('g');
    await shows(/▸1 T000/);
    await press(KEYS.end);
    await shows(/▸. T039/);
    await press(KEYS.home);
    await shows(/▸1 T000/);
    await press(KEYS.pageDown);
    await shows(/▸. T0(1\d|0[5-9])/);
    await press(KEYS.pageUp);
    await shows(/▸1 T000/);
    app.unmount();
  });

  it('at 80x24 every key, the connection state and a long refusal fit, nothing cut with …', async () => {
    const extra = { key: '!', hint: 'restart', help: 'restart the demo server', run: async () => 'restarted' };
    const { shows, press, frame, link, app } = mountBoard(undefined, { extraActions: [extra], pressGuardMs: 0 }, [80, 24]);
    await shows(/▸1 PREP01/);
    await press('/', '0', KEYS.enter);
    await shows('filter: 0');
    link.setState({ status: 'reconnecting', attempt: 3, reason: 'cannot reach http://127.0.0.1:4000 (ECONNREFUSED)', since: T0 - 5000 });
    link.refusal = new RtcError('INVALID_TRANSITION', 'order PREP01 is Out for Delivery now, and the recall window of 15 minutes is long over for it');
    await press('j', 'k', KEYS.enter);
    await shows('bump PREP01 refused');
    const text = frame();
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(text).toContain('is long over for it');
    for (const key of ['⏎ bump', '1-9 bump that number', 'x cancel', 'o open', 'u undo', 'r recall', 'a all-day', '/ filter', 'esc clear filter', '? help', 'q quit', '! restart', 'move'])
      expect(text).toContain(key);
    expect(text).toMatch(/STALE \d\d:\d\d +● reconnecting \(attempt 3\)/);
    await press('?');
    await shows('Keys');
    for (const line of frame().split('\n')) expect(line).not.toMatch(/…│?\s*$/);
    app.unmount();
  });
});
