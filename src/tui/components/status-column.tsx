import { Box, Text } from 'ink';
import type { BoardColumn } from '../model/columns.js';
import { STATUS_COLOUR } from '../model/columns.js';
import { paint } from '../model/palette.js';
import { columnWindow } from '../model/column-layout.js';
import { TicketCard } from './ticket-card.js';
import type { TicketMarks } from './ticket-context.js';

export interface StatusColumnProps {
  column: BoardColumn;
  width: number;
  height: number;
  marks: TicketMarks;
}

/**
 * One status: its title and count, then as many tickets as fit, scrolled to keep the selection visible.
 * A ticket shows every row it has while the column has room for it: only a ticket taller than the
 * whole column is folded ("+N more lines"), and `o` opens it in full.
 */
export function StatusColumn({ column, width, height, marks }: StatusColumnProps) {
  const cardWidth = width - 1;
  const { maxBody, start, end } = columnWindow(column, width, height, marks.selectedId);
  const shown = column.orders.slice(start, end);
  // Clipped rows only (see BoardColumns): every line is already cut to the column's width.
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Text bold color={paint(STATUS_COLOUR[column.status])} wrap="truncate">
        {column.status} <Text color={paint('white')}>{column.orders.length}</Text>
      </Text>
      {start > 0 ? <Text dimColor>↑ {start} more</Text> : null}
      {shown.map((order) => (
        <TicketCard
          key={order.id}
          order={order}
          width={cardWidth}
          maxBody={maxBody}
          now={marks.now}
          thresholds={marks.thresholds}
          selected={order.id === marks.selectedId}
          isNew={marks.highlighted.has(order.id)}
          number={marks.numbers.get(order.id)}
        />
      ))}
      {end < column.orders.length ? <Text dimColor>↓ {column.orders.length - end} more</Text> : null}
      {column.orders.length === 0 ? <Text dimColor>—</Text> : null}
    </Box>
  );
}
