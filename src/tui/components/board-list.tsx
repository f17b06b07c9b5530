import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLabel, ageLevel } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { cellWidth, fitToWidth } from '../model/display-width.js';
import { paint } from '../model/palette.js';
import { windowAround } from '../model/ticket-layout.js';
import { ALLERGY_MARK, allergyTexts, oneLineItems, oneLineNote } from '../model/ticket-lines.js';
import type { TicketMarks } from './ticket-context.js';

type Line = { kind: 'status'; column: BoardColumn } | { kind: 'ticket'; order: Order };

/** Cells of the customer's column in the list. */
const CUSTOMER_CELLS = 12;

/**
 * The narrow layout: one line per ticket, grouped under each status, scrolled to the selection. Every
 * field before the items has a fixed width in cells (wide characters and emoji measured as the
 * terminal draws them), so the items start in the same column on every line.
 */
export function BoardList({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  const lines: Line[] = [];
  for (const column of columns) {
    lines.push({ kind: 'status', column });
    for (const order of column.orders) lines.push({ kind: 'ticket', order });
  }
  const idCells = Math.min(12, Math.max(4, ...columns.flatMap((column) => column.orders.map((order) => cellWidth(inertText(order.id))))));
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
          <Text key={`s-${line.column.status}`} bold color={paint(STATUS_COLOUR[line.column.status])} wrap="truncate">
            {line.column.status} <Text color={paint('white')}>{line.column.orders.length}</Text>
          </Text>
        ) : (
          <TicketLine key={line.order.id} order={line.order} marks={marks} idCells={idCells} />
        ),
      )}
      {end < lines.length ? <Text dimColor>↓ {lines.length - end} more</Text> : null}
    </Box>
  );
}

function TicketLine({ order, marks, idCells }: { order: Order; marks: TicketMarks; idCells: number }) {
  const age = marks.now - Date.parse(order.createdAt);
  const level = ageLevel(age, marks.thresholds);
  const selected = order.id === marks.selectedId;
  const isNew = marks.highlighted.has(order.id);
  const number = marks.numbers.get(order.id);
  // Allergies first, right after the mark, so that however narrow the line, they are not what is cut.
  const allergies = allergyTexts(order);
  const allergy = allergies.length > 0;
  const note = oneLineNote(order, true);
  return (
    <Text wrap="truncate" inverse={selected}>
      {selected ? '▸' : ' '}
      <Text color={paint('gray')}>{number !== undefined ? number : ' '}</Text> <Text bold>{fitToWidth(inertText(order.id), idCells)}</Text>{' '}
      <Text color={paint(AGE_COLOUR[level])} bold={level !== 'fresh'}>
        {ageLabel(age, marks.thresholds)}
      </Text>{' '}
      <Text color={paint('cyan')} bold>
        {isNew ? 'NEW' : '   '}
      </Text>{' '}
      <Text dimColor>{fitToWidth(inertText(order.customerName), CUSTOMER_CELLS)}</Text>{' '}
      <Text bold inverse={allergy}>
        {allergy ? ALLERGY_MARK : '  '}
      </Text>{' '}
      {allergy ? <Text bold>{`${allergies.join('; ')} · `}</Text> : null}
      {oneLineItems(order, true)}
      {note ? ` — ${note}` : ''}
    </Text>
  );
}
