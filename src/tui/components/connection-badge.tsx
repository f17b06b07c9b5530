import { Text } from 'ink';
import { describeConnection, type ConnectionState } from '../../client/connection-state.js';

const DOT_COLOUR = { connected: 'green', connecting: 'yellow', reconnecting: 'yellow', disconnected: 'red', error: 'red' } as const;

/** The connection as the header shows it; anything but connected says STALE, since the screen may be behind. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const stale = state.status !== 'connected';
  return (
    <Text wrap="truncate">
      {stale ? (
        <Text backgroundColor="red" color="white" bold>
          {' STALE '}
        </Text>
      ) : null}
      {stale ? ' ' : ''}
      <Text color={DOT_COLOUR[state.status]}>● </Text>
      {describeConnection(state)}
    </Text>
  );
}
