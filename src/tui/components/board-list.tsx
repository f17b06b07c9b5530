import { Box, Text } from 'ink';
import { memo } from 'react';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLabel, ageLevel, sameShownAge, type AgeThresholds } from '../model/age.js';
import { STATUS_COLOUR, type BoardColumn } from '../model/columns.js';
import { cellWidth, cutPiecesToWidth, fitToWidth } from '../model/display-width.js';
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
  // Rows are clipped, cells not: every line is cut to the width already (TicketLine), and a horizontal
  // clip made Ink slice each line by display width at every frame.
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

interface TicketLineProps {
  order: Order;
  now: number;
  thresholds: AgeThresholds;
  selected: boolean;
  isNew: boolean;
  number: number | undefined;
  idCells: number;
  width: number;
}

/**
 * One ticket on one line, cut here to the list's width (from its end: the note, then the items), so
 * Ink has nothing to truncate or clip. Memoised like the cards: most lines stay the same from frame to
 * frame.
 */
const TicketLine = memo(function TicketLine({ order, now, thresholds, selected, isNew, number, idCells, width }: TicketLineProps) {
  const age = now - Date.parse(order.createdAt);
  const level = ageLevel(age, thresholds);
  // Allergies first, right after the mark, so that however narrow the line, they are not what is cut.
  const allergies = allergyTexts(order);
  const allergy = allergies.length > 0;
  const note = oneLineNote(order, true);
  const [mark = '', nth = '', gap1 = '', id = '', gap2 = '', timer = '', gap3 = '', fresh = '', gap4 = '', customer = '', gap5 = '', flag = '', gap6 = '', allergyText = '', rest = ''] =
    cutPiecesToWidth(
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
        allergy ? `${allergies.join('; ')} · ` : '',
        `${oneLineItems(order, true)}${note ? ` — ${note}` : ''}`,
      ],
      width,
    );
  return (
    <Text wrap="truncate" inverse={selected}>
      {mark}
      {nth ? <Text color={paint('gray')}>{nth}</Text> : null}
      {gap1}
      {id ? <Text bold>{id}</Text> : null}
      {gap2}
      {timer ? (
        <Text color={paint(AGE_COLOUR[level])} bold={level !== 'fresh'}>
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
      {allergyText ? <Text bold>{allergyText}</Text> : null}
      {rest}
    </Text>
  );
}, sameLine);

/** Whether a line would draw the same: as for a card, `now` counts only as the seconds and the lateness it shows. */
function sameLine(before: TicketLineProps, after: TicketLineProps): boolean {
  if (
    before.order !== after.order ||
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
