import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { paint } from '../model/palette.js';

/** The frame of a panel that takes the board's place (help, all-day, recall, an open ticket). */
export function PanelFrame({ title, width, height, children }: { title: string; width: number; height: number; children: ReactNode }) {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={paint('cyan')} paddingX={1} overflow="hidden">
      <Text bold color={paint('cyan')} wrap="truncate">
        {title}
      </Text>
      {children}
    </Box>
  );
}
