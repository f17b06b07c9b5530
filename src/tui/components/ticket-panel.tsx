import { Text } from 'ink';
import { paint } from '../model/palette.js';
import type { SheetLine } from '../model/ticket-sheet.js';
import { PanelFrame } from './panel-frame.js';
import { TicketBodyLine } from './ticket-body-line.js';

/** Rows a panel's frame takes: the border above and below, and the title. */
export const PANEL_FRAME_ROWS = 3;

/** The open ticket in full (`o`), scrolled from `firstRow`; says what is above and below. */
export function TicketPanel({ title, lines, firstRow, width, height }: { title: string; lines: SheetLine[]; firstRow: number; width: number; height: number }) {
  const rows = Math.max(1, height - PANEL_FRAME_ROWS);
  const start = Math.max(0, Math.min(firstRow, lines.length - rows));
  const more = lines.length - start - rows;
  const shown = lines.slice(start, start + rows - (more > 0 ? 1 : 0));
  return (
    <PanelFrame title={start > 0 ? `${title} · ↑ ${start} more` : title} width={width} height={height}>
      {shown.map((line, i) =>
        line.kind === 'title' ? (
          <Text key={i} bold wrap="truncate">
            {line.text}
          </Text>
        ) : line.kind === 'dim' ? (
          <Text key={i} dimColor wrap="truncate">
            {line.text}
          </Text>
        ) : line.kind === 'recall' ? (
          <Text key={i} color={paint('magenta')} bold wrap="truncate">
            {line.text}
          </Text>
        ) : line.kind === 'plain' ? (
          <Text key={i} wrap="truncate">
            {line.text}
          </Text>
        ) : (
          <TicketBodyLine key={i} line={{ kind: line.kind, text: line.text }} />
        ),
      )}
      {more > 0 ? <Text dimColor>{`↓ ${more + 1} more (j/PgDn)`}</Text> : null}
    </PanelFrame>
  );
}
