import { Box, Text } from 'ink';
import { memo } from 'react';
import { inertText } from '../../protocol/inert-text.js';
import type { Flash } from '../hooks/use-flash.js';
import { wrapWords } from '../model/display-width.js';
import { paint } from '../model/palette.js';

const TONE_COLOUR = { info: 'white', ok: 'green', error: 'red' } as const;

/** Most rows a message may take: a refusal is said in full rather than cut. */
export const MESSAGE_MAX_ROWS = 3;

/** The rows of the message line: the prompt when one is open, else the latest message, wrapped at spaces. */
export function messageRows(prompt: string | undefined, flash: Flash | undefined, width: number): string[] {
  const text = prompt ?? flash?.text;
  if (!text) return [' '];
  return wrapWords(inertText(text), width).slice(0, MESSAGE_MAX_ROWS);
}

/**
 * The lines between the board and the footer: a prompt when one is open, else the latest message.
 * Memoised: it changes with what it says, not with every change of a ticket.
 */
export const MessageLine = memo(function MessageLine({ prompt, flash, width }: { prompt?: string | undefined; flash: Flash | undefined; width: number }) {
  const rows = messageRows(prompt, flash, width);
  const colour = prompt ? 'yellow' : flash ? TONE_COLOUR[flash.tone] : undefined;
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} color={paint(colour)} bold={prompt !== undefined} wrap="truncate">
          {row}
        </Text>
      ))}
    </Box>
  );
});
