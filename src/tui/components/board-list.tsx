import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLabel, ageLevel } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { fitToWidth } from '../model/display-width.js';
import { CUSTOMER_CELLS, indentOf, listIdCells, listLines, listWindow } from '../model/list-layout.js';
import type { ListRow } from '../model/list-rows.js';
import { paint } from '../model/palette.js';
import { ALLERGY_MARK, hasAllergy } from '../model/ticket-lines.js';
import type { TicketMarks } from './ticket-context.js';

/**
 * The narrow layout: tickets grouped under each status, scrolled to the selection. Every field before
 * a ticket's text has a fixed width in cells (wide characters and emoji measured as the terminal draws
 * them), so the text starts in the same column on every line; allergies come first and wrap onto more
 * rows of their ticket rather than be cut (`listRows`).
 */
export function BoardList({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  const lines = listLines(columns, width, height, marks);
  const idCells = listIdCells(columns);
  const { start, end } = listWindow(lines, marks.selectedId, height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {start > 0 ? <Text dimColor>↑ {start} more</Text> : null}
      {lines.slice(start, end).map((line) =>
        line.kind === 'status' ? (
          <Text key={`s-${line.column.status}`} bold color={paint(STATUS_COLOUR[line.column.status])} wrap="truncate">
            {line.column.status} <Text color={paint('white')}>{line.column.orders.length}</Text>
          </Text>
        ) : (
          <TicketLine key={line.order.id} order={line.order} rows={line.rows} indent={indentOf(line.lead, width)} marks={marks} idCells={idCells} />
        ),
      )}
      {end < lines.length ? <Text dimColor>↓ {lines.length - end} more</Text> : null}
    </Box>
  );
}

function Pieces({ row }: { row: ListRow }) {
  // A row of items alone (most rows) is plain text in its line's Text.
  if (row.length === 1 && row[0]!.style === 'items') return row[0]!.text;
  return (
    <>
      {row.map((piece, i) =>
        piece.style === 'allergy' ? (
          <Text key={i} bold>
            {piece.text}
          </Text>
        ) : piece.style === 'note' ? (
          <Text key={i} italic>
            {piece.text}
          </Text>
        ) : (
          <Text key={i}>{piece.text}</Text>
        ),
      )}
    </>
  );
}

function TicketLine({ order, rows, indent, marks, idCells }: { order: Order; rows: readonly ListRow[]; indent: number; marks: TicketMarks; idCells: number }) {
  const age = marks.now - Date.parse(order.createdAt);
  const level = ageLevel(age, marks.thresholds);
  const selected = order.id === marks.selectedId;
  const isNew = marks.highlighted.has(order.id);
  const number = marks.numbers.get(order.id);
  const allergy = hasAllergy(order);
  const [first = [], ...more] = rows;
  const firstRow = (
    <Text wrap="truncate" inverse={selected}>
      {selected ? '▸' : ' '}
      <Text color={paint('gray')}>{number !== undefined ? number : ' '}</Text> <Text bold>{fitToWidth(inertText(order.id), idCells)}</Text>{' '}
      <Text color={paint(AGE_COLOUR[level])} bold={level !== 'fresh'} inverse={level === 'late' && !selected}>
        {ageLabel(age, marks.thresholds)}
      </Text>{' '}
      <Text color={paint('cyan')} bold>
        {isNew ? 'NEW' : '   '}
      </Text>{' '}
      <Text dimColor>{fitToWidth(inertText(order.customerName), CUSTOMER_CELLS)}</Text>{' '}
      <Text bold inverse={allergy}>
        {allergy ? ALLERGY_MARK : '  '}
      </Text>{' '}
      <Pieces row={first} />
    </Text>
  );
  // Most tickets take one row: no box around it for Ink to lay out at every frame.
  if (more.length === 0) return firstRow;
  return (
    <Box flexDirection="column">
      {firstRow}
      {more.map((row, i) => (
        <Text key={i} wrap="truncate" inverse={selected}>
          {' '.repeat(indent)}
          <Pieces row={row} />
        </Text>
      ))}
    </Box>
  );
}
