import { Text } from 'ink';
import { describeConnection, type ConnectionState } from '../../client/connection-state.js';
import { formatAge } from '../model/age.js';

const DOT_COLOUR = { connected: 'green', connecting: 'yellow', reconnecting: 'yellow', disconnected: 'red', error: 'red' } as const;

/**
 * The connection as the header shows it; anything but connected says STALE, since the screen may be
 * behind, and for how long (given the time), so the pass knows how far to trust it.
 */
export function ConnectionBadge({ state, now }: { state: ConnectionState; now?: number | undefined }) {
  const stale = state.status !== 'connected';
  const staleFor = now === undefined ? '' : ` ${formatAge(now - state.since)}`;
  return (
    <Text wrap="truncate">
      {stale ? (
        <Text backgroundColor="red" color="white" bold>
          {` STALE${staleFor} `}
        </Text>
      ) : null}
      {stale ? ' ' : ''}
      <Text color={DOT_COLOUR[state.status]}>● </Text>
      {describeConnection(state)}
    </Text>
  );
}
