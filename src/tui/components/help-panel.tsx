import { Box, Text } from 'ink';
import { PanelFrame } from './panel-frame.js';

const KEYS: [string, string][] = [
  ['← ↓ ↑ → / h j k l', 'move the selection (the oldest ticket is selected at start)'],
  ['Enter / space', 'bump the selected ticket to its next status'],
  ['1 … 9', 'bump the Nth oldest ticket (the number on its card)'],
  ['x', 'cancel the selected ticket (asks y/n)'],
  ['a', 'all-day: how many of each item the open orders need'],
  ['r', 'recall: orders finished in the last 30 minutes'],
  ['/', 'filter by id, customer or item; Enter keeps it, esc clears it'],
  ['?', 'this help'],
  ['esc', 'close whatever is open'],
  ['q / Ctrl-C', 'quit'],
];

export function HelpPanel({ width, height, extra = [] }: { width: number; height: number; extra?: [string, string][] }) {
  return (
    <PanelFrame title="Keys" width={width} height={height}>
      {[...KEYS, ...extra].map(([keys, what]) => (
        <Box key={keys}>
          <Box width={20} flexShrink={0}>
            <Text bold>{keys}</Text>
          </Box>
          <Text wrap="truncate">{what}</Text>
        </Box>
      ))}
      <Text dimColor wrap="truncate">
        Every bump says which status it saw, so two screens never skip one; a refused bump says why below.
      </Text>
    </PanelFrame>
  );
}
