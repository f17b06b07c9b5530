import { Box, Text } from 'ink';
import type { Order } from '../../protocol/model.js';
import { allDayTotals } from '../model/all-day.js';
import { inertText } from '../../protocol/inert-text.js';
import { PanelFrame } from './panel-frame.js';

/** All-day: the item totals over the open orders, so the line can batch-cook. */
export function AllDayPanel({ orders, width, height }: { orders: Order[]; width: number; height: number }) {
  const totals = allDayTotals(orders);
  const rows = Math.max(1, height - 4);
  return (
    <PanelFrame title={`All day · ${orders.length} open orders`} width={width} height={height}>
      {totals.length === 0 ? <Text dimColor>nothing open</Text> : null}
      {totals.slice(0, rows).map((total) => (
        <Box key={total.name}>
          <Box width={6} flexShrink={0}>
            <Text bold>{String(total.qty).padStart(4)}×</Text>
          </Box>
          <Text wrap="truncate">
            {inertText(total.name)} <Text dimColor>({total.orders} {total.orders === 1 ? 'order' : 'orders'})</Text>
          </Text>
        </Box>
      ))}
      {totals.length > rows ? <Text dimColor>+{totals.length - rows} more items</Text> : null}
    </PanelFrame>
  );
}
