import { Box, Text, Transform, useIsScreenReaderEnabled } from 'ink';
import { Fragment, memo } from 'react';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import { asciiStandIn, restoreLine } from '../model/ascii-stand-in.js';
import { AGE_COLOUR, ageLabel, ageLevel, formatAge, sameShownAge, type AgeLevel, type AgeThresholds } from '../model/age.js';
import { cellWidth, cutToWidth } from '../model/display-width.js';
import { paint } from '../model/palette.js';
import { cardLines, visibleLines } from '../model/ticket-layout.js';
import { TicketBodyLine } from './ticket-body-line.js';

/** The lateness mark when the words do not fit beside the id. */
const COMPACT_MARK: Record<AgeLevel, string> = { fresh: '', warn: '!', late: '!!' };

export interface TicketCardProps {
  order: Order;
  now: number;
  thresholds: AgeThresholds;
  width: number;
  /** Body rows the card may take before it folds the rest into "+N more". */
  maxBody: number;
  selected: boolean;
  isNew: boolean;
  /** The ticket's number, 1-9, which it keeps while on the board: the key that bumps it (see TicketNumbers). */
  number?: number | undefined;
}

/**
 * One order as the kitchen sees it: id in full, timer (with WARN / LATE in words), customer, items with
 * their modifiers under them, the note. Memoised: on a busy board most tickets are unchanged from one
 * frame to the next (see `sameCard`).
 */
export const TicketCard = memo(function TicketCard({ order, now, thresholds, width, maxBody, selected, isNew, number }: TicketCardProps) {
  const age = now - Date.parse(order.createdAt);
  const level = ageLevel(age, thresholds);
  const { shown, hidden } = visibleLines(cardLines(order, width), maxBody);
  const barColor = selected ? 'white' : isNew ? 'cyan' : level === 'late' ? 'red' : level === 'warn' ? 'yellow' : 'gray';
  // The id line is measured by hand, in cells, so the id is never pushed out by the timer: the timer
  // says WARN / LATE in words when there is room, else `!` / `!!`, and the id is cut to what is left;
  // NEW sits on the customer's line. The two ends are set apart by the layout, not by a run of spaces:
  // Ink pays for every character it writes, on every card, at every frame.
  const inner = Math.max(1, width - 2);
  // The selection reads without colour too: a `▸` before the number, and the id in inverse video.
  const lead = `${selected ? '▸' : ' '}${number ?? ' '} `;
  const idCells = cellWidth(inertText(order.id));
  const worded = ageLabel(age, thresholds).trim();
  const timer = lead.length + idCells + 1 + worded.length <= inner ? worded : `${COMPACT_MARK[level]}${formatAge(age)}`;
  const id = cutToWidth(inertText(order.id), Math.max(1, inner - lead.length - 1 - timer.length));
  const customer = cutToWidth(inertText(order.customerName), Math.max(1, inner - (isNew ? 4 : 0)));
  const customerGap = Math.max(0, inner - cellWidth(customer) - 3);
  const newMark = isNew ? `${' '.repeat(customerGap)}NEW` : '';
  const more = hidden > 0 ? cutToWidth(`+${hidden} more lines · o opens the ticket`, inner) : '';
  // Ink measures the lines below as their ASCII stand-ins, and the Transform draws the real ones (see
  // ascii-stand-in.ts); a screen reader reads the text without the Transform, so it gets the real text.
  const reader = useIsScreenReaderEnabled();
  const standIns = [`${customer}${newMark}`, ...shown.map((line) => line.text), ...(more ? [more] : [])].map((original) => {
    const standIn = reader ? undefined : asciiStandIn(original);
    return standIn === undefined ? undefined : ([standIn, original] as const);
  });
  const shownAs = (i: number, text: string): string => standIns[i]?.[0] ?? text;
  const restore = (line: string, index: number): string => {
    const standIn = standIns[index];
    return standIn ? restoreLine(line, standIn[0], standIn[1]) : line;
  };
  // A bar down the left rather than a full frame: it reads as a ticket at a glance, and a frame's four
  // sides cost Ink about as much as everything else on the board (bench/board-render.js). The style
  // stays the same whatever the state: Ink re-applies a changed borderStyle without borderTop={false}.
  // Under the id line, the customer and the body are one Text: Ink lays out, measures and writes every
  // Text at every frame, and a Text per row cost more than the rows. Each row is cut to `inner` cells
  // here (cutToWidth, ticketLines), so Ink has nothing to wrap or truncate in it.
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle="bold"
      borderTop={false}
      borderRight={false}
      borderBottom={false}
      borderColor={paint(barColor)}
      paddingLeft={1}
      marginBottom={1}
      flexShrink={0}
    >
      <Box justifyContent="space-between" width={inner}>
        <Text wrap="truncate">
          <Text color={paint(selected ? undefined : 'gray')} bold={selected}>
            {lead}
          </Text>
          <Text bold inverse={selected}>
            {id}
          </Text>
        </Text>
        <Text color={paint(AGE_COLOUR[level])} bold={level !== 'fresh'} inverse={level === 'late'} wrap="truncate">
          {timer}
        </Text>
      </Box>
      <Transform transform={restore}>
        <Text dimColor>{shownAs(0, `${customer}${newMark}`).slice(0, customer.length)}</Text>
        {isNew ? (
          <Text color={paint('cyan')} bold>
            {shownAs(0, `${customer}${newMark}`).slice(customer.length)}
          </Text>
        ) : null}
        {shown.map((line, i) => (
          <Fragment key={i}>
            {'\n'}
            <TicketBodyLine line={standIns[i + 1] ? { kind: line.kind, text: standIns[i + 1]![0] } : line} />
          </Fragment>
        ))}
        {more ? (
          <>
            {'\n'}
            <Text dimColor>{shownAs(shown.length + 1, more)}</Text>
          </>
        ) : null}
      </Transform>
    </Box>
  );
}, sameCard);

/**
 * Whether a card would draw the same: `now` moves at every render (it is read then), but the card shows
 * it only as whole seconds of age and a lateness level, so only those are compared. Without this every
 * card of the board re-renders at every frame.
 */
function sameCard(before: TicketCardProps, after: TicketCardProps): boolean {
  if (
    before.order !== after.order ||
    before.width !== after.width ||
    before.maxBody !== after.maxBody ||
    before.selected !== after.selected ||
    before.isNew !== after.isNew ||
    before.number !== after.number ||
    before.thresholds !== after.thresholds
  )
    return false;
  return sameShownAge(Date.parse(after.order.createdAt), before.now, after.now, after.thresholds);
}
