import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Order } from '../../protocol/model.js';
import { AGE_COLOUR, ageLevel, formatAge, type AgeThresholds } from '../model/age.js';
import { formatItem, visibleItems } from '../model/ticket-layout.js';

export interface TicketCardProps {
  order: Order;
  now: number;
  thresholds: AgeThresholds;
  width: number;
  selected: boolean;
  isNew: boolean;
  /** 1-9 for the nine oldest tickets: the key that bumps it. */
  number?: number | undefined;
}

/** One order as the kitchen sees it: id in full, timer, customer, items with quantities. */
/** Memoised: on a busy board most tickets are unchanged from one frame to the next. */
export const TicketCard = memo(function TicketCard({ order, now, thresholds, width, selected, isNew, number }: TicketCardProps) {
  const age = now - Date.parse(order.createdAt);
  const level = ageLevel(age, thresholds);
  const { shown, hidden } = visibleItems(order.items);
  const barColor = selected ? 'white' : isNew ? 'cyan' : level === 'late' ? 'red' : level === 'warn' ? 'yellow' : 'gray';
  // A bar down the left rather than a full frame: it reads as a ticket at a glance, and a frame's four
  // sides cost Ink about as much as everything else on the board (bench/board-render.js). The style
  // stays the same whatever the state: Ink re-applies a changed borderStyle without borderTop={false}.
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle="bold"
      borderTop={false}
      borderRight={false}
      borderBottom={false}
      borderColor={barColor}
      paddingLeft={1}
      marginBottom={1}
      flexShrink={0}
    >
      <Box justifyContent="space-between">
        <Text wrap="truncate">
          {number !== undefined ? <Text color="gray">{number} </Text> : null}
          <Text bold inverse={selected}>
            {order.id}
          </Text>
          {isNew ? <Text color="cyan" bold>{' NEW'}</Text> : null}
        </Text>
        <Text color={AGE_COLOUR[level]} bold={level !== 'fresh'}>
          {formatAge(age)}
        </Text>
      </Box>
      <Text dimColor wrap="truncate">
        {order.customerName}
      </Text>
      {shown.map((item, i) => (
        <Text key={i} wrap="truncate">
          {formatItem(item)}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>+{hidden} more</Text> : null}
    </Box>
  );
});
