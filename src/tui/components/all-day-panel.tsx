import { Box, Text } from 'ink';
import type { Order } from '../../protocol/model.js';
import { inertText } from '../../protocol/inert-text.js';
import { allDayTotals, type ItemTotal } from '../model/all-day.js';
import { wrapWords } from '../model/display-width.js';
import { ALLERGY_MARK, mentionsAllergy } from '../model/ticket-lines.js';
import { PanelFrame } from './panel-frame.js';

/** Cells of the quantity before each name, and of the panel's border and padding. */
const QTY_CELLS = 6;
const PANEL_SIDES = 4;

/** An item whose name is an allergy (`Gluten-free pasta`), marked and wrapped whole onto as many rows as it needs. */
const allergyRows = (total: ItemTotal, width: number): string[] =>
  wrapWords(`${ALLERGY_MARK} ${inertText(total.name).toUpperCase()} (${total.orders} ${total.orders === 1 ? 'order' : 'orders'})`, Math.max(10, width - PANEL_SIDES - QTY_CELLS));

/** All-day: the item totals over the open orders, so the line can batch-cook. An allergy in a name is never cut. */
export function AllDayPanel({ orders, width, height }: { orders: Order[]; width: number; height: number }) {
  const totals = allDayTotals(orders);
  const rows = Math.max(1, height - 4);
  const heights = totals.map((total) => (mentionsAllergy(total.name) ? allergyRows(total, width).length : 1));
  // As many totals as fit whole, with a row for "+N more" when some do not.
  let used = 0;
  let fit = 0;
  while (fit < totals.length && used + heights[fit]! + (fit + 1 < totals.length ? 1 : 0) <= rows) used += heights[fit++]!;
  return (
    <PanelFrame title={`All day · ${orders.length} open orders`} width={width} height={height}>
      {totals.length === 0 ? <Text dimColor>nothing open</Text> : null}
      {totals.slice(0, fit).map((total) => (
        <Box key={total.name}>
          <Box width={QTY_CELLS} flexShrink={0}>
            <Text bold>{String(total.qty).padStart(4)}×</Text>
          </Box>
          {mentionsAllergy(total.name) ? (
            <Box flexDirection="column">
              {allergyRows(total, width).map((row, i) => (
                <Text key={i} bold inverse wrap="truncate">
                  {row}
                </Text>
              ))}
            </Box>
          ) : (
            <Text wrap="truncate">
              {inertText(total.name)} <Text dimColor>({total.orders} {total.orders === 1 ? 'order' : 'orders'})</Text>
            </Text>
          )}
        </Box>
      ))}
      {totals.length > fit ? <Text dimColor>+{totals.length - fit} more items</Text> : null}
    </PanelFrame>
  );
}
