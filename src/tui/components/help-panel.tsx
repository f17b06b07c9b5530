import { Box, Text } from 'ink';
import { inertText } from '../../protocol/inert-text.js';
import { PanelFrame } from './panel-frame.js';

/** The keys, in the README's words; short enough to fit 80 columns. */
export const HELP_KEYS: [string, string][] = [
  ['←↓↑→ / hjkl', 'move the selection'],
  ['g G Home End', 'first / last ticket'],
  ['PgUp PgDn', 'a page up / down'],
  ['Enter / space', 'bump the selected ticket (Out → Delivered asks y/n)'],
  ['1 … 9', 'bump the ticket with that number, if on screen'],
  ['x', 'cancel the selected ticket (asks y/n)'],
  ['u', "undo this screen's last bump or cancel (recall)"],
  ['r', 'recall panel: changes of the last 15 min, ⏎ recalls'],
  ['o / v', 'open the selected ticket in full, with history'],
  ['a', 'all-day: item totals of the open orders'],
  ['/', 'filter; Enter keeps it, esc clears it'],
  ['? / esc', 'this help / close what is open'],
  ['q / Ctrl-C', 'quit'],
];

export function HelpPanel({ width, height, extra = [] }: { width: number; height: number; extra?: [string, string][] }) {
  return (
    <PanelFrame title="Keys · a repeat of a key within 0.3 s acts once" width={width} height={height}>
      {[...HELP_KEYS, ...extra].map(([keys, what]) => (
        <Box key={keys}>
          <Box width={15} flexShrink={0}>
            <Text bold>{keys}</Text>
          </Box>
          <Text wrap="truncate">{inertText(what)}</Text>
        </Box>
      ))}
    </PanelFrame>
  );
}
