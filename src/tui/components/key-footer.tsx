import { Text } from 'ink';
import type { KeyHint } from '../model/board-keys.js';

/** The keys that matter now, cut at the terminal's width. */
export function KeyFooter({ hints }: { hints: KeyHint[] }) {
  return (
    <Text wrap="truncate">
      {hints.map((hint, i) => (
        <Text key={hint.keys + hint.what}>
          {i > 0 ? '  ' : ''}
          <Text bold color="cyan">
            {hint.keys}
          </Text>{' '}
          <Text dimColor>{hint.what}</Text>
        </Text>
      ))}
    </Text>
  );
}
