import { useEffect } from 'react';
import type { RtcError } from '../../protocol/errors.js';
import type { WatchLink } from '../kitchen-link.js';

/** Calls `onNotice` for every user-facing error the client reports (refused join, rate limit, expired session). */
export function useNotices(link: WatchLink, onNotice: (notice: RtcError) => void): void {
  useEffect(() => {
    link.on('notice', onNotice);
    return () => void link.off('notice', onNotice);
  }, [link, onNotice]);
}
