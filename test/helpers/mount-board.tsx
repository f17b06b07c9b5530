import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { useEffect } from 'react';
import { KitchenBoard, type KitchenBoardProps } from '../../src/tui/components/kitchen-board.js';
import type { Order } from '../../src/protocol/model.js';
import { waitFor } from './wait.js';
import { boardWith, FakeLink, makeOrder, resize, tick } from './kitchen-fixtures.js';

// Colours are part of what the board tests look at; a test runner's stdout is no terminal, so force them on.
chalk.level = 1;

export const MIN = 60_000;
export const T0 = Date.parse('2026-01-01T12:00:00Z');
export const strip = (text = '') => text.replace(/\u001b\[[0-9;]*m/g, '');

/** Unmounted when the app exits: how a test sees that q quit. */
export function ExitProbe({ onExit }: { onExit: () => void }) {
  useEffect(() => onExit, [onExit]);
  return null;
}

export function defaultOrders(): Order[] {
  return [
    makeOrder('PEND01', T0 - 2 * MIN, { customer: 'Ana', items: [{ name: 'Burger', qty: 2 }, { name: 'Fries', qty: 1 }] }),
    makeOrder('PEND02', T0 - 1 * MIN, { customer: 'Ben', items: [{ name: 'Ramen', qty: 1 }] }),
    makeOrder('CONF01', T0 - 6 * MIN, { status: 'Confirmed', customer: 'Chloé', items: [{ name: 'Pancakes', qty: 3 }] }),
    makeOrder('PREP01', T0 - 9 * MIN, { status: 'Preparing', customer: 'Dev', items: [{ name: 'Burger', qty: 1 }] }),
    makeOrder('OUT001', T0 - 4 * MIN, { status: 'Out for Delivery', customer: 'Emeka', items: [{ name: 'Soup', qty: 1 }] }),
  ];
}

/** The kitchen board on a fake terminal of the given size, with a clock the test sets. */
export function mountBoard(orders = defaultOrders(), props: Partial<KitchenBoardProps> = {}, size: [number, number] = [120, 40]) {
  let time = T0;
  const board = boardWith(orders);
  const link = new FakeLink(board);
  link.serverClock = () => time + (link.clockOffsetMs ?? 0);
  const rings: number[] = [];
  const exited = { value: false };
  const onExit = () => void (exited.value = true);
  const app = render(
    <>
      <KitchenBoard link={link} board={board} restaurant="Demo Bistro" user="chef (staff)" now={() => time} ring={() => rings.push(time)} frameMs={0} {...props} />
      <ExitProbe onExit={onExit} />
    </>,
  );
  resize(app.stdout, size[0], size[1]);
  // ink-testing-library draws the first frame 100 columns wide, before the resize: a test must not read it.
  const sizedFrom = app.frames.length;
  const frame = () => (app.frames.length > sizedFrom ? strip(app.lastFrame()) : '');
  const has = (text: string | RegExp) => (typeof text === 'string' ? frame().includes(text) : text.test(frame()));
  return {
    app,
    /** Waits until the screen shows the text: renders follow changes a moment later, longer on a busy machine. */
    shows: (text: string | RegExp) =>
      waitFor(() => has(text), `the screen to show ${text}`).catch((error: Error) => {
        throw new Error(`${error.message}\n--- screen ---\n${frame()}`);
      }),
    hides: (text: string | RegExp) => waitFor(() => !has(text), `the screen to stop showing ${text}`),
    board,
    link,
    rings,
    exited,
    frame,
    setTime: (t: number) => void (time = t),
    async press(...keys: string[]) {
      for (const key of keys) {
        app.stdin.write(key);
        await tick(5);
      }
    },
  };
}
