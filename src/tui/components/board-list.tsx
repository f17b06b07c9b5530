import { Box, Text } from 'ink';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLevel, formatAge } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { formatItem, windowAround } from '../model/ticket-layout.js';
import type { TicketMarks } from './ticket-context.js';

type Line = { kind: 'status'; column: BoardColumn } | { kind: 'ticket'; order: Order };

/** The narrow layout: one line per ticket, grouped under each status, scrolled to the selection. */
export function BoardList({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  const lines: Line[] = [];
  for (const column of columns) {
    lines.push({ kind: 'status', column });
    for (const order of column.orders) lines.push({ kind: 'ticket', order });
  }
  const selected = lines.findIndex((line) => line.kind === 'ticket' && line.order.id === marks.selectedId);
  const { start, end } = windowAround(
    lines.map(() => 1),
    selected < 0 ? 0 : selected,
    height,
  );
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {start > 0 ? <Text dimColor>↑ {start} more</Text> : null}
      {lines.slice(start, end).map((line) =>
        line.kind === 'status' ? (
          <Text key={`s-${line.column.status}`} bold color={STATUS_COLOUR[line.column.status]} wrap="truncate">
            {line.column.status} <Text color="white">{line.column.orders.length}</Text>
          </Text>
        ) : (
          <TicketLine key={line.order.id} order={line.order} marks={marks} />
        ),
      )}
      {end < lines.length ? <Text dimColor>↓ {lines.length - end} more</Text> : null}
    </Box>
  );
}

function TicketLine({ order, marks }: { order: Order; marks: TicketMarks }) {
  const age = marks.now - Date.parse(order.createdAt);
  const level = ageLevel(age, marks.thresholds);
  const selected = order.id === marks.selectedId;
  const isNew = marks.highlighted.has(order.id);
  const number = marks.numbers.get(order.id);
  return (
    <Text wrap="truncate" inverse={selected}>
      {selected ? '▸' : ' '}
      <Text color="gray">{number !== undefined ? number : ' '}</Text> <Text bold>{order.id}</Text>{' '}
      <Text color={AGE_COLOUR[level]} bold={level !== 'fresh'}>
        {formatAge(age).padStart(5)}
      </Text>{' '}
      {isNew ? <Text color="cyan" bold>NEW </Text> : null}
      <Text dimColor>{order.customerName.slice(0, 12).padEnd(12)}</Text> {order.items.map(formatItem).join(', ')}
    </Text>
  );
}
