import { Box, Text, useApp } from 'ink';
import { useCallback } from 'react';
import type { OrderTimeline } from '../../client/order-timeline.js';
import type { RtcError } from '../../protocol/errors.js';
import { HAPPY_PATH } from '../../domain/transitions.js';
import type { Status } from '../../protocol/status.js';
import { useClientState } from '../hooks/use-client-state.js';
import { useClock, type Now } from '../hooks/use-clock.js';
import { useNotices } from '../hooks/use-notices.js';
import { useQuitKeys } from '../hooks/use-quit-keys.js';
import { useTimeline } from '../hooks/use-timeline.js';
import type { WatchLink } from '../kitchen-link.js';
import { formatAge } from '../model/age.js';
import { STATUS_COLOUR } from '../model/columns.js';
import { ConnectionBadge } from './connection-badge.js';
import { inertText } from '../../protocol/inert-text.js';
import { paint } from '../model/palette.js';
import { oneLineItems, oneLineNote } from '../model/ticket-lines.js';
import { timelineSteps } from '../model/timeline-steps.js';
import { KeyFooter } from './key-footer.js';

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);

/** `rtc watch --order ID`: one order, status by status with the time of each, live. */
export function OrderTimelineScreen({ link, timeline, now: clockNow }: { link: WatchLink; timeline: OrderTimeline; now?: Now }) {
  const { exit } = useApp();
  const state = useClientState(link);
  const now = useClock(clockNow);
  const { order, entries } = useTimeline(link, timeline);
  useQuitKeys();
  const onNotice = useCallback((notice: RtcError) => !timeline.hasState && exit(notice), [exit, timeline]);
  useNotices(link, onNotice);

  // The steps the order stands on now: a recall takes the step it undid off again.
  const path = timelineSteps(entries);
  const reached = new Map(path.map((step) => [step.status, step]));
  const cancelled = reached.get('Cancelled');
  const steps: readonly Status[] = cancelled ? path.map((step) => step.status) : HAPPY_PATH;
  const current = order?.status;
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text wrap="truncate">
          <Text bold color={paint('cyan')}>
            Order {inertText(timeline.orderId)}
          </Text>
          {order ? <Text dimColor> · {inertText(order.restaurantId)} · {inertText(order.customerName)} · {order.amount.toFixed(2)}</Text> : null}
        </Text>
        <Box marginLeft={1}>
          <ConnectionBadge state={state} />
        </Box>
      </Box>
      {/* Wrapped, never cut: an allergy in a modifier or the note shows in full at any width. */}
      <Text wrap="wrap">{order ? oneLineItems(order) : 'loading…'}</Text>
      {order && oneLineNote(order) ? (
        <Text wrap="wrap" bold>
          {oneLineNote(order)}
        </Text>
      ) : null}
      <Text> </Text>
      {steps.map((status) => {
        const step = reached.get(status);
        const isCurrent = status === current;
        const mark = step ? (isCurrent && status !== 'Delivered' && status !== 'Cancelled' ? '●' : '✓') : '○';
        return (
          <Text key={status} dimColor={!step} wrap="truncate">
            {' '}
            <Text color={paint(step ? STATUS_COLOUR[status] : 'gray')}>{mark}</Text> <Text bold={isCurrent}>{status.padEnd(17)}</Text>
            {step ? <Text>{clock(step.entry.at)}</Text> : null}
            {step?.previous ? <Text dimColor>{`  +${formatAge(Date.parse(step.entry.at) - Date.parse(step.previous.at))}`}</Text> : null}
            {step && isCurrent && status !== 'Delivered' && status !== 'Cancelled' ? (
              <Text color={paint('yellow')}>{`  for ${formatAge(now - Date.parse(step.entry.at))}`}</Text>
            ) : null}
            {step?.entry.reason ? <Text dimColor>{`  (${inertText(step.entry.reason)})`}</Text> : null}
            {step?.recalledFrom ? <Text dimColor>{`  recalled from ${step.recalledFrom}`}</Text> : null}
          </Text>
        );
      })}
      <Text> </Text>
      <KeyFooter hints={[{ keys: 'q', what: 'quit' }]} />
    </Box>
  );
}
