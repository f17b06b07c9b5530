// Render time of the kitchen board: 200 open tickets, 100 events a second, frames as `rtc watch`
// makes them. Plain ESM over ../dist (run `npm run build` first).
//
//   node bench/board-render.js [seconds]      prints one JSON document on stdout
//
// A frame is timed from the board change being handed to the screen to the frame being written:
// React's render, commit and effects, Yoga's layout, Ink's output and its write to the terminal, with the
// options `rtc watch` renders with (FULL_SCREEN_RENDER_OPTIONS: throttled to 20 frames a second,
// written through Ink's log-update, not Ink's debug mode) and its set-up (prepareFullScreen: styles on
// even when this process writes to a pipe). Events between two frames are applied to
// the board model as the client would and coalesced into the next frame, as `useBoard` does.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { percentile } from '../dist/lib/percentile.js';
import { preferProductionReact } from '../dist/tui/production-mode.js';

// As `rtc watch` does: React's production build (unless NODE_ENV says otherwise), loaded after that is set.
preferProductionReact();
const [{ render }, { createElement }, { RestaurantBoard }, { KitchenBoard }, { FULL_SCREEN_RENDER_OPTIONS, prepareFullScreen }] = await Promise.all([
  import('ink'),
  import('react'),
  import('../dist/client/restaurant-board.js'),
  import('../dist/tui/components/kitchen-board.js'),
  import('../dist/tui/run-full-screen.js'),
]);
// As runFullScreen does before its first frame: styles drawn even when this process's output is not a
// terminal (a frame without them is cheaper than what `rtc watch` draws), Ink's faster output.
await prepareFullScreen();

const EPOCH = 'bench';
const OPEN = ['Pending', 'Confirmed', 'Preparing', 'Out for Delivery'];
const NEXT = { Pending: 'Confirmed', Confirmed: 'Preparing', Preparing: 'Out for Delivery', 'Out for Delivery': 'Delivered' };
const MENU = ['Burger', 'Fries', 'Caesar Salad', 'Margherita', 'Ramen', 'Fish Tacos', 'Pancakes', 'Milkshake'];

/** A terminal that takes what is written and counts it. */
class Terminal extends EventEmitter {
  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.isTTY = true;
    this.written = 0;
  }
  write(chunk) {
    this.written += Buffer.byteLength(chunk);
    return true;
  }
}

class Keyboard extends EventEmitter {
  isTTY = true;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

/** The client's side, without a network: state and events; the benchmark sends no requests. */
class BenchLink extends EventEmitter {
  state = { status: 'connected', attempt: 0, rttMs: 2, since: Date.now() };
  advance() {
    return Promise.reject(new Error('not in the benchmark'));
  }
  cancel() {
    return Promise.reject(new Error('not in the benchmark'));
  }
}

let serial = 0;
function newOrder(now) {
  serial++;
  const id = `B${String(serial).padStart(5, '0')}`;
  const items = Array.from({ length: 1 + (serial % 3) }, (_, i) => ({ name: MENU[(serial + i) % MENU.length], qty: 1 + ((serial + i) % 3) }));
  const iso = new Date(now - (serial % 600) * 1000).toISOString();
  return { id, restaurantId: 'r1', customerId: null, customerName: `Guest ${serial}`, items, amount: 10, status: OPEN[serial % 4], version: 1, createdAt: iso, updatedAt: iso };
}

/** One event of a busy kitchen: a ticket moves on; a delivered one is replaced by a new order, so ~200 stay open. */
function nextEvent(board, now) {
  const open = [...board.orders.values()];
  const order = open[Math.floor(Math.random() * open.length)];
  const seq = board.seq + 1;
  const timestamp = new Date(now).toISOString();
  if (!order || open.length < 200) {
    return { event: 'restaurant_order_received', data: { order: { ...newOrder(now), status: 'Pending', createdAt: timestamp }, seq, epoch: EPOCH, timestamp } };
  }
  const to = NEXT[order.status];
  return {
    event: 'order_status_updated',
    data: { orderId: order.id, restaurantId: 'r1', from: order.status, newStatus: to, version: order.version + 1, seq, epoch: EPOCH, timestamp, reason: null, actor: 'bench' },
  };
}

const WARM_UP_FRAMES = 15;

const round = (ms) => Math.round(ms * 1000) / 1000;

async function measure({ seconds, columns, rows, tickets, eventsPerSecond, frameMs }) {
  const now = Date.now();
  const board = new RestaurantBoard('r1');
  board.loadSnapshot({ room: 'restaurant_r1', epoch: EPOCH, seq: 0, orders: Array.from({ length: tickets }, () => newOrder(now)) });
  const link = new BenchLink();
  const terminal = new Terminal(columns, rows);
  // Ink calls onRender once it has the frame, just before it writes it, in the same task: a frame is
  // done when that task is (even when the frame is the same as the last one and nothing is written).
  let rendered;
  const app = render(createElement(KitchenBoard, { link, board, restaurant: 'Bench', user: 'bench', frameMs: 0 }), {
    ...FULL_SCREEN_RENDER_OPTIONS,
    stdout: terminal,
    stdin: new Keyboard(),
    stderr: new Terminal(columns, rows),
    onRender: () => rendered?.(),
  });
  await new Promise((resolve) => setTimeout(resolve, 50));

  const frames = [];
  const cpuFrames = [];
  let bytes = 0;
  let warmingUp = true;
  let events = 0;
  let owed = 0;
  const begun = performance.now();
  const deadline = begun + seconds * 1000;
  let lastSlot = begun;
  while (performance.now() < deadline) {
    const slot = performance.now();
    // Events arrive with time, not with frames: a slow frame means more events in the next one.
    owed += ((slot - lastSlot) * eventsPerSecond) / 1000;
    lastSlot = slot;
    for (; owed >= 1; owed--, events++) board.apply(nextEvent(board, Date.now()));
    const done = new Promise((resolve) => (rendered = () => setImmediate(resolve)));
    const writtenBefore = terminal.written;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    link.emit('board', board);
    await done;
    frames.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuFrames.push((cpu.user + cpu.system) / 1000);
    bytes += terminal.written - writtenBefore;
    // The first frames pay for JIT compilation, not for rendering: they are not counted.
    if (warmingUp && frames.length === WARM_UP_FRAMES) {
      frames.length = 0;
      cpuFrames.length = 0;
      bytes = 0;
      warmingUp = false;
    }
    rendered = undefined;
    const rest = frameMs - (performance.now() - slot);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  app.unmount();
  app.cleanup();
  const figures = (samples) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
  };
  return {
    terminal: `${columns}x${rows}`,
    layout: columns >= 100 ? 'columns' : 'list',
    openTickets: board.orders.size,
    events,
    eventsPerSecond: round(events / ((performance.now() - begun) / 1000)),
    frames: frames.length,
    /** Bytes written to the terminal per frame, on average: what the terminal has to take in and draw. */
    bytesPerFrame: Math.round(bytes / Math.max(1, frames.length)),
    /** Wall-clock time from the change to the written frame: what the user sees, and what a busy machine inflates. */
    msPerFrame: figures(frames),
    /** CPU time the process spent on the frame (GC threads included): what the render costs, whatever else runs. */
    cpuMsPerFrame: figures(cpuFrames),
  };
}

/**
 * Renders the board with `tickets` open tickets while applying `eventsPerSecond`, for `seconds` per
 * terminal size (wide columns, then the 80x24 list). Answers the figures; `ok` says whether the p95
 * CPU time per frame is within the 16 ms budget (wall-clock is reported too, but on a shared machine
 * it mostly measures the other processes).
 */
export async function runBoardRenderBench({ seconds = 5, tickets = 200, eventsPerSecond = 100, frameMs = 66 } = {}) {
  const wide = await measure({ seconds, columns: 160, rows: 50, tickets, eventsPerSecond, frameMs });
  const narrow = await measure({ seconds, columns: 80, rows: 24, tickets, eventsPerSecond, frameMs });
  const budgetMs = 16;
  return {
    bench: 'board-render',
    node: process.version,
    tickets,
    eventsPerSecond,
    frameIntervalMs: frameMs,
    budgetMs,
    runs: [wide, narrow],
    ok: [wide, narrow].every((run) => run.cpuMsPerFrame.p95 <= budgetMs),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.argv[2] ?? 5);
  const result = await runBoardRenderBench({ seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 5 });
  for (const run of result.runs) {
    const line = ({ p50, p95, p99, max }) => `p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${max} ms`;
    process.stderr.write(
      `board-render ${run.terminal} (${run.layout}): ${run.frames} frames, ${run.openTickets} open, ${run.eventsPerSecond} events/s, ${run.bytesPerFrame} bytes/frame\n` +
        `  wall ${line(run.msPerFrame)}\n  cpu  ${line(run.cpuMsPerFrame)}\n`,
    );
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
