import { Box, Text } from 'ink';
import { memo } from 'react';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLabel, ageLevel, sameShownAge, type AgeThresholds } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { cutPiecesToWidth, fitToWidth } from '../model/display-width.js';
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
  // Rows are clipped, cells not: every line is cut to the width already (TicketLine, listRows), and a
  // horizontal clip made Ink slice each line by display width at every frame.
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {start > 0 ? <Text dimColor>↑ {start} more</Text> : null}
      {lines.slice(start, end).map((line) =>
        line.kind === 'status' ? (
          <Text key={`s-${line.column.status}`} bold color={paint(STATUS_COLOUR[line.column.status])} wrap="truncate">
            {line.column.status} <Text color={paint('white')}>{line.column.orders.length}</Text>
          </Text>
        ) : (
          <TicketLine
            key={line.order.id}
            order={line.order}
            rows={line.rows}
            indent={indentOf(line.lead, width)}
            now={marks.now}
            thresholds={marks.thresholds}
            selected={line.order.id === marks.selectedId}
            isNew={marks.highlighted.has(line.order.id)}
            number={marks.numbers.get(line.order.id)}
            idCells={idCells}
            width={width}
          />
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

interface TicketLineProps {
  order: Order;
  /** The ticket's text as rows (listRows), each cut to what its row leaves. */
  rows: readonly ListRow[];
  /** Cells before the rows below the first. */
  indent: number;
  now: number;
  thresholds: AgeThresholds;
  selected: boolean;
  isNew: boolean;
  number: number | undefined;
  idCells: number;
  width: number;
}

/**
 * One ticket: its fixed fields and the first row of its text on one line, its further rows (wrapped
 * allergies, a note of its own) under it. The text is cut to the width in `listRows`; the fixed fields
 * are cut here only on a terminal narrower than they are, so Ink has nothing to truncate or clip.
 * Memoised like the cards: most lines stay the same from frame to frame.
 */
const TicketLine = memo(function TicketLine({ order, rows, indent, now, thresholds, selected, isNew, number, idCells, width }: TicketLineProps) {
  const age = now - Date.parse(order.createdAt);
  const level = ageLevel(age, thresholds);
  const allergy = hasAllergy(order);
  const [first = [], ...more] = rows;
  const [mark = '', nth = '', gap1 = '', id = '', gap2 = '', timer = '', gap3 = '', fresh = '', gap4 = '', customer = '', gap5 = '', flag = '', gap6 = ''] = cutPiecesToWidth(
    [
      selected ? '▸' : ' ',
      number !== undefined ? String(number) : ' ',
      ' ',
      fitToWidth(inertText(order.id), idCells),
      ' ',
      ageLabel(age, thresholds),
      ' ',
      isNew ? 'NEW' : '   ',
      ' ',
      fitToWidth(inertText(order.customerName), CUSTOMER_CELLS),
      ' ',
      allergy ? ALLERGY_MARK : '  ',
      ' ',
    ],
    width,
  );
  const firstRow = (
    <Text wrap="truncate" inverse={selected}>
      {mark}
      {nth ? <Text color={paint('gray')}>{nth}</Text> : null}
      {gap1}
      {id ? <Text bold>{id}</Text> : null}
      {gap2}
      {timer ? (
        <Text color={paint(AGE_COLOUR[level])} bold={level !== 'fresh'} inverse={level === 'late' && !selected}>
          {timer}
        </Text>
      ) : null}
      {gap3}
      {fresh ? (
        <Text color={paint('cyan')} bold>
          {fresh}
        </Text>
      ) : null}
      {gap4}
      {customer ? <Text dimColor>{customer}</Text> : null}
      {gap5}
      {flag ? (
        <Text bold inverse={allergy}>
          {flag}
        </Text>
      ) : null}
      {gap6}
      {gap6 ? <Pieces row={first} /> : null}
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
}, sameLine);

/** Whether a line would draw the same: as for a card, `now` counts only as the seconds and the lateness it shows. */
function sameLine(before: TicketLineProps, after: TicketLineProps): boolean {
  if (
    before.order !== after.order ||
    before.rows !== after.rows ||
    before.indent !== after.indent ||
    before.selected !== after.selected ||
    before.isNew !== after.isNew ||
    before.number !== after.number ||
    before.idCells !== after.idCells ||
    before.width !== after.width ||
    before.thresholds !== after.thresholds
  )
    return false;
  return sameShownAge(Date.parse(after.order.createdAt), before.now, after.now, after.thresholds);
}
