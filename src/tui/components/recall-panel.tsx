import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import { formatAge } from '../model/age.js';
import { STATUS_COLOUR } from '../model/columns.js';
import { wrapWords } from '../model/display-width.js';
import { paint } from '../model/palette.js';
import type { RecallEntry } from '../model/recall-list.js';
import { windowAround } from '../model/ticket-layout.js';
import { ALLERGY_MARK, allergyTexts, oneLineItems } from '../model/ticket-lines.js';
import { PanelFrame } from './panel-frame.js';
import { PANEL_FRAME_ROWS } from './ticket-panel.js';

/** Cells a panel's border and padding take from its width. */
const PANEL_SIDES = 4;

/** An entry's allergies, marked and wrapped into the panel's width: shown under its line, never cut. */
const allergyRows = (entry: RecallEntry, width: number): string[] => {
  const texts = allergyTexts(entry.order);
  return texts.length === 0 ? [] : wrapWords(`${ALLERGY_MARK} ${texts.join('; ')}`, Math.max(10, width - PANEL_SIDES - 2));
};

/**
 * Recall (`r`): every change within the recall window, newest first, the chosen one marked `▸` and in
 * inverse; Enter recalls it (the order goes back to the status before). An order's allergies follow
 * its line in full, on rows of their own.
 */
export function RecallPanel({ entries, chosen, windowMs, now, width, height }: { entries: RecallEntry[]; chosen: number; windowMs: number; now: number; width: number; height: number }) {
  const rows = Math.max(1, height - PANEL_FRAME_ROWS);
  const allergies = entries.map((entry) => allergyRows(entry, width));
  const { start, end } = windowAround(
    allergies.map((extra) => 1 + extra.length),
    Math.max(0, chosen),
    rows,
  );
  return (
    <PanelFrame title={`Recall · changed in the last ${Math.round(windowMs / 60_000)} min (${entries.length}) · ⏎ brings the chosen one back`} width={width} height={height}>
      {entries.length === 0 ? <Text dimColor>nothing to recall: no ticket changed within the window</Text> : null}
      {start > 0 ? <Text dimColor>↑ {start} more</Text> : null}
      {entries.slice(start, end).map((entry, i) => {
        const isChosen = start + i === chosen;
        return (
          <Box key={entry.order.id} flexDirection="column">
            <Text wrap="truncate" inverse={isChosen}>
              {isChosen ? '▸ ' : '  '}
              <Text bold>{inertText(entry.order.id)}</Text>{' '}
              {entry.from ? `${entry.from} → ` : '→ '}
              <Text color={paint(STATUS_COLOUR[entry.order.status])}>{entry.order.status}</Text>{' '}
              <Text dimColor>
                {formatAge(now - entry.at)} ago{entry.actor ? ` by ${inertText(entry.actor)}` : ''}
              </Text>{' '}
              {inertText(entry.order.customerName)}: {oneLineItems(entry.order, true)}
            </Text>
            {allergies[start + i]!.map((row, r) => (
              <Text key={r} wrap="truncate" bold inverse>
                {`  ${row}`}
              </Text>
            ))}
          </Box>
        );
      })}
      {end < entries.length ? <Text dimColor>↓ {entries.length - end} more</Text> : null}
    </PanelFrame>
  );
}
