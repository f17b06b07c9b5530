import { useEffect, useRef } from 'react';
import type { StatusUpdatedPayload } from '../../protocol/events.js';
import type { ReceivedEvent } from '../../client/rtc-client.js';
import type { WatchLink } from '../kitchen-link.js';
import { ChangeLog } from '../model/recall-list.js';

/** The log of status changes heard on this link since the screen opened (replays included, each once). */
export function useChangeLog(link: WatchLink): ChangeLog {
  const log = useRef(new ChangeLog());
  useEffect(() => {
    const onEvent = (received: ReceivedEvent) => {
      if (received.event === 'order_status_updated') log.current.apply(received.data as StatusUpdatedPayload);
    };
    link.on('event', onEvent);
    return () => void link.off('event', onEvent);
  }, [link]);
  return log.current;
}
