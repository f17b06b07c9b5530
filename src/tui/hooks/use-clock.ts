import { useEffect, useReducer } from 'react';

export type Now = () => number;

/**
 * The time, read at every render, with a render at least every `tickMs` so that ticket timers count up
 * and a new clock offset or a silence shows within a tick, even when the clock itself did not move
 * (as in a test). `now` is injectable for tests.
 */
export function useClock(now: Now = Date.now, tickMs = 1000): number {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const timer = setInterval(tick, tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now();
}
