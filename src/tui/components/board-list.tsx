import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLabel, ageLevel } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { cellWidth, fitToWidth } from '../model/display-width.js';
import { listRows, type ListRow } from '../model/list-rows.js';
import { paint } from '../model/palette.js';
import { windowAround } from '../model/ticket-layout.js';
import { ALLERGY_MARK, hasAllergy } from '../model/ticket-lines.js';
import type { TicketMarks } from './ticket-context.js';

type Line = { kind: 'status'; column: BoardColumn } | { kind: 'ticket'; order: Order; rows: readonly ListRow[]; lead: number };

/** Cells of the customer's column in the list. */
const CUSTOMER_CELLS = 12;

/** Fewest cells the rows under a ticket's first row keep for text; narrower, they start near the left edge. */
const MIN_TEXT_CELLS = 20;

/** Cells of a ticket's fixed fields, up to where its text starts: marker, number, id, timer, NEW, customer, `!!`. */
const leadCells = (idCells: number, timerCells: number) => 3 + idCells + 1 + timerCells + 1 + 3 + 1 + CUSTOMER_CELLS + 1 + ALLERGY_MARK.length + 1;

/** Where a ticket's rows below the first start: under its text, or near the edge when that leaves too little. */
const indentOf = (lead: number, width: number) => (width - lead >= MIN_TEXT_CELLS ? lead : 4);

/**
 * The list's lines (a status title, or a ticket and its rows) for a terminal `width` cells wide. A
 * ticket takes one row, more when an allergy wraps or its note has a row of its own.
 */
export function listLines(columns: readonly BoardColumn[], width: number, marks: Pick<TicketMarks, 'now' | 'thresholds'>): Line[] {
  const idCells = listIdCells(columns);
  const lines: Line[] = [];
  for (const column of columns) {
    lines.push({ kind: 'status', column });
    for (const order of column.orders) {
      const lead = leadCells(idCells, cellWidth(ageLabel(marks.now - Date.parse(order.createdAt), marks.thresholds)));
      lines.push({ kind: 'ticket', order, lead, rows: listRows(order, width - lead, width - indentOf(lead, width)) });
    }
  }
  return lines;
}

const listIdCells = (columns: readonly BoardColumn[]) =>
  Math.min(12, Math.max(4, ...columns.flatMap((column) => column.orders.map((order) => cellWidth(inertText(order.id))))));

const lineHeight = (line: Line) => (line.kind === 'ticket' ? line.rows.length : 1);

/** Which of the list's lines fit in `height` rows around the selected ticket, and the ids of the tickets among them. */
export function listWindow(lines: readonly Line[], selectedId: string | undefined, height: number): { start: number; end: number; ids: Set<string> } {
  const selected = lines.findIndex((line) => line.kind === 'ticket' && line.order.id === selectedId);
  const { start, end } = windowAround(lines.map(lineHeight), selected < 0 ? 0 : selected, height);
  const ids = new Set<string>();
  for (const line of lines.slice(start, end)) if (line.kind === 'ticket') ids.add(line.order.id);
  return { start, end, ids };
}

/**
 * The narrow layout: tickets grouped under each status, scrolled to the selection. Every field before
 * a ticket's text has a fixed width in cells (wide characters and emoji measured as the terminal draws
 * them), so the text starts in the same column on every line; allergies come first and wrap onto more
 * rows of their ticket rather than be cut (`listRows`).
 */
export function BoardList({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  const lines = listLines(columns, width, marks);
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
  return (
    <Box flexDirection="column">
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
        <Pieces row={first} />
      </Text>
      {more.map((row, i) => (
        <Text key={i} wrap="truncate" inverse={selected}>
          {' '.repeat(indent)}
          <Pieces row={row} />
        </Text>
      ))}
    </Box>
  );
}
