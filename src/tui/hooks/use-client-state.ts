import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../client/connection-state.js';
import type { WatchLink } from '../kitchen-link.js';

/** The client's connection state machine, as React state. */
export function useClientState(link: WatchLink): ConnectionState {
  const [state, setState] = useState<ConnectionState>(link.state);
  useEffect(() => {
    setState(link.state);
    link.on('state', setState);
    return () => void link.off('state', setState);
  }, [link]);
  return state;
}
