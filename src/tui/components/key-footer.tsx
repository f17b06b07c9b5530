import { Box, Text } from 'ink';
import { memo } from 'react';
import type { KeyHint } from '../model/board-keys.js';
import { cellWidth } from '../model/display-width.js';
import { paint } from '../model/palette.js';

const hintCells = (hint: KeyHint) => cellWidth(hint.keys) + 1 + cellWidth(hint.what);

/** The hints packed into lines of at most `width` cells, in order: a narrow terminal gets more lines, never fewer keys. */
export function footerLines(hints: readonly KeyHint[], width: number): KeyHint[][] {
  const lines: KeyHint[][] = [];
  let line: KeyHint[] = [];
  let used = 0;
  for (const hint of hints) {
    const cells = hintCells(hint) + (line.length > 0 ? 2 : 0);
    if (line.length > 0 && used + cells > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += hintCells(hint) + (line.length > 0 ? 2 : 0);
    line.push(hint);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/**
 * The keys that matter now, on as many lines as the terminal's width needs. Memoised on what it says:
 * the board renders at every change of a ticket, the footer only when the mode or the width changes.
 */
export const KeyFooter = memo(function KeyFooter({ hints, width = Number.POSITIVE_INFINITY }: { hints: KeyHint[]; width?: number }) {
  return (
    <Box flexDirection="column">
      {footerLines(hints, width).map((line, row) => (
        <Text key={row} wrap="truncate">
          {line.map((hint, i) => (
            <Text key={hint.keys + hint.what}>
              {i > 0 ? '  ' : ''}
              <Text bold color={paint('cyan')}>
                {hint.keys}
              </Text>{' '}
              <Text dimColor>{hint.what}</Text>
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}, sameFooter);

function sameFooter(before: { hints: KeyHint[]; width?: number }, after: { hints: KeyHint[]; width?: number }): boolean {
  return (
    before.width === after.width &&
    before.hints.length === after.hints.length &&
    before.hints.every((hint, i) => hint.keys === after.hints[i]!.keys && hint.what === after.hints[i]!.what)
  );
}
