import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { OrderTimeline } from '../src/client/order-timeline.js';
import type { SystemStats } from '../src/protocol/events.js';
import type { Status } from '../src/protocol/status.js';
import { AdminStatsScreen } from '../src/tui/components/admin-stats-screen.js';
import { OrderTimelineScreen } from '../src/tui/components/order-timeline-screen.js';
import { sparkline } from '../src/tui/model/sparkline.js';
import { boardWith, EPOCH, FakeLink, makeOrder, resize } from './helpers/kitchen-fixtures.js';
import { ExitProbe, strip, T0 } from './helpers/mount-board.js';
import { waitFor } from './helpers/wait.js';

function screenOf(app: ReturnType<typeof render>) {
  const frame = () => strip(app.lastFrame());
  return {
    frame,
    shows: (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), `the screen to show ${text}`),
  };
}

describe('rtc watch --order', () => {
  it('shows the order status by status with times, live, and marks the current one', async () => {
    const order = makeOrder('ORDER1', T0, { customer: 'Alice', items: [{ name: 'Ramen', qty: 2 }] });
    const timeline = new OrderTimeline('ORDER1');
    timeline.loadSnapshot({ room: 'order_ORDER1', epoch: EPOCH, order });
    const link = new FakeLink(boardWith([]));
    const app = render(<OrderTimelineScreen link={link} timeline={timeline} now={() => T0 + 90_000} />);
    const { frame, shows } = screenOf(app);
    await shows('Order ORDER1');
    expect(frame()).toContain('Alice');
    expect(frame()).toContain('2× Ramen');
    expect(frame()).toMatch(/● Pending\s+\d\d:\d\d:\d\d\s+for 01:30/);
    expect(frame()).toMatch(/○ Confirmed/);

    const move = (version: number, from: Status, to: Status, at: number, reason: string | null = null) => {
      timeline.apply({ orderId: 'ORDER1', restaurantId: 'r1', from, newStatus: to, version, seq: version, epoch: EPOCH, timestamp: new Date(at).toISOString(), reason, actor: 'u' });
      link.emit('timeline', timeline);
    };
    move(2, 'Pending', 'Confirmed', T0 + 45_000);
    await shows(/✓ Pending/);
    await shows(/● Confirmed\s+\d\d:\d\d:\d\d\s+\+00:45/);
    move(3, 'Confirmed', 'Cancelled', T0 + 60_000, 'out of ramen');
    await shows(/✓ Cancelled\s+\d\d:\d\d:\d\d\s+\+00:15\s+\(out of ramen\)/);
    expect(frame()).not.toContain('Delivered');
    app.unmount();
  });

  it('follows a recall: the recalled step is no longer done, and times count from the step before (cook trial, finding 13)', async () => {
    const order = makeOrder('ORDER3', T0, { customer: 'Alice' });
    const timeline = new OrderTimeline('ORDER3');
    timeline.loadSnapshot({ room: 'order_ORDER3', epoch: EPOCH, order });
    const link = new FakeLink(boardWith([]));
    const app = render(<OrderTimelineScreen link={link} timeline={timeline} now={() => T0 + 300_000} />);
    const { frame, shows } = screenOf(app);
    await shows('Order ORDER3');
    const move = (version: number, from: Status, to: Status, at: number, recalled = false) => {
      timeline.apply({ orderId: 'ORDER3', restaurantId: 'r1', from, newStatus: to, version, seq: version, epoch: EPOCH, timestamp: new Date(at).toISOString(), reason: null, actor: 'u', ...(recalled ? { recalled: true } : {}) });
      link.emit('timeline', timeline);
    };
    move(2, 'Pending', 'Confirmed', T0 + 60_000);
    move(3, 'Confirmed', 'Preparing', T0 + 120_000);
    move(4, 'Preparing', 'Out for Delivery', T0 + 150_000);
    move(5, 'Out for Delivery', 'Delivered', T0 + 170_000);
    await shows(/✓ Delivered/);
    // Recalled out of Delivered, 60 s after Preparing began: back out for delivery, Delivered undone.
    move(6, 'Delivered', 'Out for Delivery', T0 + 180_000, true);
    await shows(/○ Delivered/);
    expect(frame()).toMatch(/● Out for Delivery\s+\d\d:\d\d:\d\d\s+\+01:00\s+for 02:00/);
    expect(frame()).toMatch(/recalled from Delivered/);
    expect(frame()).toMatch(/✓ Preparing\s+\d\d:\d\d:\d\d\s+\+01:00/);
    // Delivered again later: a new step, measured from the recall.
    move(7, 'Out for Delivery', 'Delivered', T0 + 240_000);
    await shows(/✓ Delivered\s+\d\d:\d\d:\d\d\s+\+01:00/);
    // Two recalls in a row walk back two steps.
    move(8, 'Delivered', 'Out for Delivery', T0 + 250_000, true);
    move(9, 'Out for Delivery', 'Preparing', T0 + 260_000, true);
    await shows(/● Preparing\s+\d\d:\d\d:\d\d\s+\+03:20/);
    expect(frame()).toMatch(/○ Out for Delivery/);
    expect(frame()).toMatch(/○ Delivered/);
    app.unmount();
  });

  it('says STALE while the connection is down', async () => {
    const timeline = new OrderTimeline('ORDER2');
    timeline.loadSnapshot({ room: 'order_ORDER2', epoch: EPOCH, order: makeOrder('ORDER2', T0) });
    const link = new FakeLink(boardWith([]));
    const app = render(<OrderTimelineScreen link={link} timeline={timeline} />);
    const { shows } = screenOf(app);
    link.setState({ status: 'reconnecting', attempt: 2, reason: 'connection lost' });
    await shows('STALE');
    await shows('reconnecting (attempt 2)');
    app.unmount();
  });
});

describe('rtc watch --admin', () => {
  const stats = (eventsPerSecond: number, open: Record<string, number>): SystemStats => ({
    connections: 12,
    rooms: 5,
    eventsPerSecond,
    laggingSockets: 1,
    memory: { rss: 80 * 1024 * 1024, heapUsed: 30 * 1024 * 1024 },
    uptimeSeconds: 125,
    openOrdersByRestaurant: open,
    node: 'v20.0.0',
    nodes: [],
  });

  it('shows connections, rooms, lagging sockets, memory, an events/s sparkline and open orders per restaurant', async () => {
    const link = new FakeLink(boardWith([]));
    const app = render(<AdminStatsScreen link={link} user="super (superadmin)" />);
    resize(app.stdout, 100, 30);
    const { frame, shows } = screenOf(app);
    await shows('waiting for the first system_stats_changed');
    for (const rate of [0, 10, 40, 80]) link.emit('stats', stats(rate, { r1: 7, r2: 2 }));
    await shows(/events\/s\s+80/);
    expect(frame()).toMatch(/connections 12\s+rooms 5\s+lagging sockets 1/);
    expect(frame()).toContain('rss 80 MB');
    expect(frame()).toContain('heap 30 MB');
    expect(frame()).toContain('uptime 02:05');
    expect(frame()).toContain(sparkline([0, 10, 40, 80], 100));
    expect(frame()).toMatch(/r1\s+7 █+/);
    expect(frame().indexOf('r1 ')).toBeLessThan(frame().indexOf('r2 '));
    app.unmount();
  });

  it('says which node it is connected to, and with a cluster a row per node under the sums', async () => {
    const link = new FakeLink(boardWith([]));
    const app = render(<AdminStatsScreen link={link} user="super (superadmin)" />);
    resize(app.stdout, 100, 30);
    const { frame, shows } = screenOf(app);
    const node = (name: string, connections: number) => ({ ...stats(5, {}), node: name, connections, rooms: 2 });
    link.emit('stats', { ...stats(10, { r1: 1 }), node: 'a:1', nodes: [node('a:1', 8), node('b:2', 4)] });
    await shows('2 nodes');
    expect(frame()).toContain('connected to a:1');
    expect(frame()).toMatch(/a:1 \*\s+8\s+2\s+5/);
    expect(frame()).toMatch(/b:2\s+4\s+2\s+5/);
    app.unmount();
  });

  it('q quits', async () => {
    const link = new FakeLink(boardWith([]));
    let exited = false;
    const app = render(
      <>
        <AdminStatsScreen link={link} user="super" />
        <ExitProbe onExit={() => void (exited = true)} />
      </>,
    );
    await screenOf(app).shows('rtc system');
    app.stdin.write('q');
    await waitFor(() => exited, 'the screen to exit');
  });
});

describe('sparkline', () => {
  it('scales to the largest sample and keeps the last `width` samples', () => {
    expect(sparkline([0, 0, 0], 10)).toBe('▁▁▁');
    expect(sparkline([1, 2, 4, 8], 10)).toBe('▁▂▄█');
    expect(sparkline([9, 1, 8], 2)).toBe('▁█');
  });
});
