import { useEffect, useRef, useState } from 'react';
import type { FinishedOrder, RestaurantBoard } from '../../client/restaurant-board.js';
import type { Order } from '../../protocol/model.js';
import type { KitchenLink } from '../kitchen-link.js';

export interface BoardView {
  /** Open orders, oldest first. */
  open: Order[];
  /** Finished in the recall window, most recent first. */
  finished: FinishedOrder[];
  hasState: boolean;
  seq: number;
}

function snapshot(board: RestaurantBoard, now: number): BoardView {
  // Finished orders carry the server's time: they are pruned on the server's clock, not ours.
  board.pruneFinished(now);
  return {
    open: board.openOrders(),
    finished: [...board.finished.values()].sort((a, b) => b.finishedAt - a.finishedAt),
    hasState: board.hasState,
    seq: board.seq,
  };
}

/**
 * The board as React state, re-read at most once per `frameMs`: a busy restaurant sends many events a
 * second, and a frame per event would spend the CPU on frames nobody can see. The first change after a
 * quiet spell is shown at once; the ones that follow within the frame are coalesced into one render.
 * `frameMs` 0 renders every change synchronously (the benchmark measures frames that way). `serverNow`
 * is the server's time, which finished orders are kept by.
 */
export function useBoard(link: KitchenLink, board: RestaurantBoard, frameMs = 66, serverNow: () => number = Date.now): BoardView {
  const [view, setView] = useState(() => snapshot(board, serverNow()));
  const clock = useRef(serverNow);
  clock.current = serverNow;
  const lastRender = useRef(0);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);

  useEffect(() => {
    const flush = () => {
      timer.current = undefined;
      lastRender.current = Date.now();
      setView(snapshot(board, clock.current()));
    };
    const onBoard = (changed: RestaurantBoard) => {
      if (changed !== board || timer.current) return;
      const wait = frameMs - (Date.now() - lastRender.current);
      if (wait <= 0) flush();
      else timer.current = setTimeout(flush, wait);
    };
    link.on('board', onBoard);
    flush();
    return () => {
      link.off('board', onBoard);
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [link, board, frameMs]);
  return view;
}
