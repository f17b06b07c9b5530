import { Box, Text } from 'ink';
import type { ConnectionState } from '../../client/connection-state.js';
import { inertText } from '../../protocol/inert-text.js';
import { formatAge } from '../model/age.js';
import { SHORT_STATUS, STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { cellWidth } from '../model/display-width.js';
import { paint } from '../model/palette.js';
import type { LinkHealth } from '../model/staleness.js';
import { badgeRows, ConnectionBadge, connectionText } from './connection-badge.js';

export interface BoardHeaderProps {
  restaurant: string;
  user: string;
  state: ConnectionState;
  health: LinkHealth;
  columns: BoardColumn[];
  filter: string;
  /** The server's time (ours corrected by the offset): the clock the kitchen reads. */
  now: number;
  /** Our own clock: how long the link has been stale is measured on it. */
  localNow: number;
  width: number;
}

const clock = (now: number) => new Date(now).toTimeString().slice(0, 8);

const whoAndWhere = (restaurant: string, user: string, now: number) => `${inertText(restaurant)} · ${inertText(user)} · ${clock(now)}`;

const staleTag = (state: ConnectionState, health: LinkHealth, localNow: number) =>
  health.stale ? ` STALE ${formatAge(localNow - (health.staleSince ?? state.since))} ` : '';

function badgeCells(state: ConnectionState, health: LinkHealth, localNow: number): number {
  const tag = staleTag(state, health, localNow);
  return (tag ? tag.length + 1 : 0) + 2 + cellWidth(connectionText(state, health, localNow));
}

/** Rows the header takes: the connection moves to lines of its own (wrapped, never cut) when it does not fit beside who and where. */
export function headerRows(props: Pick<BoardHeaderProps, 'restaurant' | 'user' | 'state' | 'health' | 'now' | 'localNow' | 'width'>): number {
  const { restaurant, user, state, health, now, localNow, width } = props;
  if (cellWidth(whoAndWhere(restaurant, user, now)) + 1 + badgeCells(state, health, localNow) <= width) return 2;
  return 2 + badgeRows(staleTag(state, health, localNow), connectionText(state, health, localNow), width).length;
}

/** Who and where, the connection (on its own line when narrow, so it is never cut); then the count per status and the filter. */
export function BoardHeader(props: BoardHeaderProps) {
  const { restaurant, user, state, health, columns, filter, now, localNow, width } = props;
  const wide = width >= 100;
  const open = columns.reduce((sum, column) => sum + column.orders.length, 0);
  const oneLine = headerRows(props) === 2;
  const badge = <ConnectionBadge state={state} now={localNow} health={health} width={oneLine ? undefined : width} />;
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Box flexShrink={0}>
          <Text wrap="truncate">
            <Text bold color={paint('cyan')}>
              {inertText(restaurant)}
            </Text>
            <Text dimColor> · {inertText(user)} · {clock(now)}</Text>
          </Text>
        </Box>
        {oneLine ? (
          <Box marginLeft={1} flexShrink={1}>
            {badge}
          </Box>
        ) : null}
      </Box>
      {oneLine ? null : badge}
      <Text wrap="truncate">
        {columns.map((column) => (
          <Text key={column.status}>
            <Text color={paint(STATUS_COLOUR[column.status])}>{wide ? column.status : SHORT_STATUS[column.status]}</Text> {column.orders.length}
            {'  '}
          </Text>
        ))}
        <Text dimColor>{open} open</Text>
        {filter ? <Text color={paint('yellow')}>{`  filter: ${inertText(filter)}`}</Text> : null}
      </Text>
    </Box>
  );
}
