import { Box, Text } from 'ink';
import { describeConnection, type ConnectionState } from '../../client/connection-state.js';
import { inertText } from '../../protocol/inert-text.js';
import { formatAge } from '../model/age.js';
import { cellWidth, wrapWords } from '../model/display-width.js';
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
export function ConnectionBadge({ state, now, health, width }: { state: ConnectionState; now?: number | undefined; health?: LinkHealth | undefined; width?: number | undefined }) {
  const stale = health ? health.stale : state.status !== 'connected';
  const since = health?.staleSince ?? state.since;
  const staleFor = now === undefined ? '' : ` ${formatAge(now - since)}`;
  const tag = stale ? ` STALE${staleFor} ` : '';
  if (width !== undefined) {
    // On a line of its own: the words wrap onto more lines rather than be cut.
    const rows = badgeRows(tag, connectionText(state, health, now), width);
    return (
      <Box flexDirection="column">
        {rows.map((row, i) => (
          <Text key={i} wrap="truncate">
            {i === 0 && stale ? (
              <Text backgroundColor={paint('red')} color={paint('white')} bold inverse={paint('red') === undefined}>
                {tag}
              </Text>
            ) : null}
            {i === 0 ? (
              <Text color={paint(health?.silent ? 'red' : DOT_COLOUR[state.status])}>{`${stale ? ' ' : ''}${health?.silent ? '○ ' : '● '}`}</Text>
            ) : null}
            {row}
          </Text>
        ))}
      </Box>
    );
  }
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

/** The badge's words laid out in `width` cells: the first row after the tag and the dot, the rest full width. */
export function badgeRows(tag: string, text: string, width: number): string[] {
  const lead = cellWidth(tag) + (tag ? 1 : 0) + 2;
  const [first = '', ...rest] = wrapWords(text, Math.max(1, width - lead));
  return rest.length === 0 ? [first] : [first, ...wrapWords(rest.join(' '), width)];
}
