import { Box, Text } from 'ink';
import type { FinishedOrder } from '../../client/restaurant-board.js';
import { formatAge } from '../model/age.js';
import { STATUS_COLOUR } from '../model/columns.js';
import { formatItem } from '../model/ticket-layout.js';
import { PanelFrame } from './panel-frame.js';

/** Recall: what left the board in the last 30 minutes, most recent first. */
export function RecallPanel({ finished, now, width, height }: { finished: FinishedOrder[]; now: number; width: number; height: number }) {
  const rows = Math.max(1, height - 4);
  return (
    <PanelFrame title={`Recall · finished in the last 30 min (${finished.length})`} width={width} height={height}>
      {finished.length === 0 ? <Text dimColor>nothing finished yet</Text> : null}
      {finished.slice(0, rows).map(({ order, finishedAt }) => (
        <Box key={order.id}>
          <Text wrap="truncate">
            <Text bold>{order.id}</Text> <Text color={STATUS_COLOUR[order.status]}>{order.status.padEnd(9)}</Text>{' '}
            <Text dimColor>{formatAge(now - finishedAt)} ago</Text> {order.customerName}: {order.items.map(formatItem).join(', ')}
          </Text>
        </Box>
      ))}
      {finished.length > rows ? <Text dimColor>+{finished.length - rows} more</Text> : null}
    </PanelFrame>
  );
}
