import { Text } from 'ink';
import { describeConnection, type ConnectionState } from '../../client/connection-state.js';
import { inertText } from '../../protocol/inert-text.js';
import { formatAge } from '../model/age.js';
import { paint } from '../model/palette.js';
import type { LinkHealth } from '../model/staleness.js';

const DOT_COLOUR = { connected: 'green', connecting: 'yellow', reconnecting: 'yellow', disconnected: 'red', error: 'red' } as const;

/** The connection in words: what the header shows after the STALE tag. */
export function connectionText(state: ConnectionState, health?: LinkHealth, localNow?: number): string {
  if (health?.silent && localNow !== undefined && health.staleSince !== undefined) {
    return `no word from the server for ${Math.round((localNow - health.staleSince) / 1000)} s`;
  }
  return inertText(describeConnection(state));
}

/**
 * The connection as the header shows it; anything but a live link says STALE, since the screen may be
 * behind, and for how long (given the time), so the pass knows how far to trust it. STALE comes first,
 * so a narrow header cuts the reason, never the tag.
 */
export function ConnectionBadge({ state, now, health }: { state: ConnectionState; now?: number | undefined; health?: LinkHealth | undefined }) {
  const stale = health ? health.stale : state.status !== 'connected';
  const since = health?.staleSince ?? state.since;
  const staleFor = now === undefined ? '' : ` ${formatAge(now - since)}`;
  return (
    <Text wrap="truncate">
      {stale ? (
        <Text backgroundColor={paint('red')} color={paint('white')} bold inverse={paint('red') === undefined}>
          {` STALE${staleFor} `}
        </Text>
      ) : null}
      {stale ? ' ' : ''}
      <Text color={paint(health?.silent ? 'red' : DOT_COLOUR[state.status])}>{health?.silent ? '○ ' : '● '}</Text>
      {connectionText(state, health, now)}
    </Text>
  );
}
