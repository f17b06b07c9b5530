import { useMemo } from 'react';
import { nextStatus } from '../../domain/transitions.js';
import type { Order } from '../../protocol/model.js';
import type { KitchenLink } from '../kitchen-link.js';
import { describeRefusal } from '../model/refusal.js';
import type { FlashTone } from './use-flash.js';

export const CANCEL_REASON = 'cancelled at the kitchen display';

/**
 * The requests a board sends, each with `expect` = the status on screen, so that two screens bumping
 * the same ticket never skip a status. What happened is always said on the message line, never dropped.
 */
export function useBoardRequests(link: KitchenLink, show: (text: string, tone?: FlashTone) => void) {
  return useMemo(
    () => ({
      bump(order: Order) {
        const to = nextStatus(order.status);
        show(`bumping ${order.id} → ${to}…`);
        link.advance(order.id, { expect: order.status }).then(
          () => show(`${order.id} → ${to}`, 'ok'),
          (error: unknown) => show(describeRefusal('bump', order.id, error), 'error'),
        );
      },
      cancel(order: Order) {
        show(`cancelling ${order.id}…`);
        link.cancel(order.id, { reason: CANCEL_REASON, expect: order.status }).then(
          () => show(`${order.id} cancelled`, 'ok'),
          (error: unknown) => show(describeRefusal('cancel', order.id, error), 'error'),
        );
      },
    }),
    [link, show],
  );
}
