import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import { formatAge } from '../model/age.js';
import { STATUS_COLOUR } from '../model/columns.js';
import { paint } from '../model/palette.js';
import type { RecallEntry } from '../model/recall-list.js';
import { oneLineItems } from '../model/ticket-lines.js';
import { PanelFrame } from './panel-frame.js';
import { PANEL_FRAME_ROWS } from './ticket-panel.js';

/**
 * Recall (`r`): every change within the recall window, newest first, the chosen one marked `▸` and in
 * inverse; Enter recalls it (the order goes back to the status before).
 */
export function RecallPanel({ entries, chosen, windowMs, now, width, height }: { entries: RecallEntry[]; chosen: number; windowMs: number; now: number; width: number; height: number }) {
  const rows = Math.max(1, height - PANEL_FRAME_ROWS);
  const start = Math.max(0, Math.min(chosen - rows + 1, entries.length - rows));
  const shown = entries.slice(start, start + rows);
  return (
    <PanelFrame title={`Recall · changed in the last ${Math.round(windowMs / 60_000)} min (${entries.length}) · ⏎ brings the chosen one back`} width={width} height={height}>
      {entries.length === 0 ? <Text dimColor>nothing to recall: no ticket changed within the window</Text> : null}
      {shown.map((entry, i) => {
        const isChosen = start + i === chosen;
        return (
          <Box key={entry.order.id}>
            <Text wrap="truncate" inverse={isChosen}>
              {isChosen ? '▸ ' : '  '}
              <Text bold>{inertText(entry.order.id)}</Text>{' '}
              {entry.from ? `${entry.from} → ` : '→ '}
              <Text color={paint(STATUS_COLOUR[entry.order.status])}>{entry.order.status}</Text>{' '}
              <Text dimColor>
                {formatAge(now - entry.at)} ago{entry.actor ? ` by ${inertText(entry.actor)}` : ''}
              </Text>{' '}
              {inertText(entry.order.customerName)}: {oneLineItems(entry.order)}
            </Text>
          </Box>
        );
      })}
    </PanelFrame>
  );
}
