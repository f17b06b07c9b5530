import { useEffect, useState } from 'react';
import type { SystemStats } from '../../protocol/events.js';
import type { WatchLink } from '../kitchen-link.js';

export interface StatsHistory {
  latest: SystemStats | undefined;
  /** events per second, oldest first, at most `keep` samples (one a second). */
  eventsPerSecond: number[];
}

/** The latest system stats and the recent events-per-second samples for the sparkline. */
export function useStatsHistory(link: WatchLink, keep = 120): StatsHistory {
  const [history, setHistory] = useState<StatsHistory>({ latest: undefined, eventsPerSecond: [] });
  useEffect(() => {
    const onStats = (stats: SystemStats) =>
      setHistory((previous) => ({ latest: stats, eventsPerSecond: [...previous.eventsPerSecond, stats.eventsPerSecond].slice(-keep) }));
    link.on('stats', onStats);
    return () => void link.off('stats', onStats);
  }, [link, keep]);
  return history;
}
