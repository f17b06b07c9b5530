import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** The frame of a panel that takes the board's place (help, all-day, recall). */
export function PanelFrame({ title, width, height, children }: { title: string; width: number; height: number; children: ReactNode }) {
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1} overflow="hidden">
      <Text bold color="cyan">
        {title}
      </Text>
      {children}
    </Box>
  );
}
