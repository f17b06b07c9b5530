import { Box, Text } from 'ink';
import type { ConnectionState } from '../../client/connection-state.js';
import { SHORT_STATUS, STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { ConnectionBadge } from './connection-badge.js';

export interface BoardHeaderProps {
  restaurant: string;
  user: string;
  state: ConnectionState;
  columns: BoardColumn[];
  filter: string;
  now: number;
  width: number;
}

const clock = (now: number) => new Date(now).toTimeString().slice(0, 8);

/** Two lines: where and who, the connection; then the count per status and the filter in force. */
export function BoardHeader({ restaurant, user, state, columns, filter, now, width }: BoardHeaderProps) {
  const wide = width >= 100;
  const open = columns.reduce((sum, column) => sum + column.orders.length, 0);
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Box flexShrink={0}>
          <Text wrap="truncate">
            <Text bold color="cyan">
              {restaurant}
            </Text>
            <Text dimColor> · {user} · {clock(now)}</Text>
          </Text>
        </Box>
        {/* When space runs out the connection's reason is cut, not who and where. */}
        <Box marginLeft={1} flexShrink={1}>
          <ConnectionBadge state={state} now={now} />
        </Box>
      </Box>
      <Text wrap="truncate">
        {columns.map((column) => (
          <Text key={column.status}>
            <Text color={STATUS_COLOUR[column.status]}>{wide ? column.status : SHORT_STATUS[column.status]}</Text> {column.orders.length}
            {'  '}
          </Text>
        ))}
        <Text dimColor>{open} open</Text>
        {filter ? <Text color="yellow">{`  filter: ${filter}`}</Text> : null}
      </Text>
    </Box>
  );
}
