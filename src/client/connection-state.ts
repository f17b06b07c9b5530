export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the connection is not (or no longer) up, in words a user can act on. */
  reason?: string | undefined;
  /** Reconnection attempt, from 1, while reconnecting. */
  attempt: number;
  /** Last measured round-trip time of the heartbeat. */
  rttMs?: number | undefined;
  /** When the state last changed (ms since epoch). */
  since: number;
}

export const initialConnectionState = (): ConnectionState => ({ status: 'disconnected', attempt: 0, since: Date.now() });

export function describeConnection(state: ConnectionState): string {
  switch (state.status) {
    case 'connected':
      return state.rttMs === undefined ? 'connected' : `connected · ${state.rttMs} ms`;
    case 'connecting':
      return 'connecting…';
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt})${state.reason ? `: ${state.reason}` : ''}`;
    case 'error':
      return `error: ${state.reason ?? 'unknown'}`;
    case 'disconnected':
      return `disconnected${state.reason ? `: ${state.reason}` : ''}`;
  }
}
