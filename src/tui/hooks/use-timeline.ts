import { useEffect, useState } from 'react';
import type { OrderTimeline, TimelineEntry } from '../../client/order-timeline.js';
import type { Order } from '../../protocol/model.js';
import type { WatchLink } from '../kitchen-link.js';

export interface TimelineView {
  order: Order | undefined;
  entries: TimelineEntry[];
}

/** An order's timeline as React state, re-read on every change (one order changes a few times an hour). */
export function useTimeline(link: WatchLink, timeline: OrderTimeline): TimelineView {
  const read = (): TimelineView => ({ order: timeline.order, entries: timeline.entries() });
  const [view, setView] = useState(read);
  useEffect(() => {
    const onTimeline = (changed: OrderTimeline) => changed === timeline && setView(read());
    link.on('timeline', onTimeline);
    setView(read());
    return () => void link.off('timeline', onTimeline);
  }, [link, timeline]);
  return view;
}
