import { Text } from 'ink';
import type { Flash } from '../hooks/use-flash.js';

const TONE_COLOUR = { info: 'white', ok: 'green', error: 'red' } as const;

/** The line between the board and the footer: a prompt when one is open, else the latest message. */
export function MessageLine({ prompt, flash }: { prompt?: string | undefined; flash: Flash | undefined }) {
  if (prompt) {
    return (
      <Text color="yellow" bold wrap="truncate">
        {prompt}
      </Text>
    );
  }
  if (!flash) return <Text> </Text>;
  return (
    <Text color={TONE_COLOUR[flash.tone]} wrap="truncate">
      {flash.text}
    </Text>
  );
}
