import { useEffect, useState } from 'react';

export type Now = () => number;

/** The time, ticking once a second, so that ticket timers count up. `now` is injectable for tests. */
export function useClock(now: Now = Date.now, tickMs = 1000): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), tickMs);
    return () => clearInterval(timer);
  }, [now, tickMs]);
  return time;
}
