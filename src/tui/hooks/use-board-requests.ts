import { useMemo, useRef } from 'react';
import { nextStatus } from '../../domain/transitions.js';
import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import type { Status } from '../../protocol/status.js';
import type { KitchenLink } from '../kitchen-link.js';
import { describeRefusal } from '../model/refusal.js';
import type { FlashTone } from './use-flash.js';

export const CANCEL_REASON = 'cancelled at the kitchen display';

/** A change this screen made, which `u` can undo. */
export interface OwnChange {
  orderId: string;
  action: 'bump' | 'cancel';
  from: Status;
  to: Status;
}

/**
 * The requests a board sends, each with `expect` = the status on screen, so that two screens bumping
 * the same ticket never skip a status. What happened is always said on the message line, never dropped.
 * Bumps and cancels that the server took are remembered, newest last, for `undo`.
 */
export function useBoardRequests(link: KitchenLink, show: (text: string, tone?: FlashTone) => void) {
  const own = useRef<OwnChange[]>([]);
  /** Whether `u` has undone anything yet: "nothing to undo" then says why there is nothing left. */
  const undone = useRef(false);
  return useMemo(() => {
    const remember = (change: OwnChange) => {
      own.current.push(change);
      if (own.current.length > 50) own.current.shift();
    };
    const recall = (orderId: string, expect: Status, done: string) => {
      show(`recalling ${orderId}…`);
      link.recall(orderId, { expect }).then(
        (answer) => show(`${done}: ${orderId} is ${answer?.order?.status ?? 'back'} again`, 'ok'),
        (error: unknown) => show(describeRefusal('recall', orderId, error), 'error'),
      );
    };
    return {
      bump(order: Order) {
        const to = nextStatus(order.status);
        const id = inertText(order.id);
        if (!to) return show(`${id} is ${order.status}: nothing to bump to`);
        show(`bumping ${id} → ${to}…`);
        link.advance(order.id, { expect: order.status }).then(
          () => {
            remember({ orderId: order.id, action: 'bump', from: order.status, to });
            show(`${id} → ${to}`, 'ok');
          },
          (error: unknown) => show(describeRefusal('bump', id, error), 'error'),
        );
      },
      cancel(order: Order) {
        const id = inertText(order.id);
        show(`cancelling ${id}…`);
        link.cancel(order.id, { reason: CANCEL_REASON, expect: order.status }).then(
          () => {
            remember({ orderId: order.id, action: 'cancel', from: order.status, to: 'Cancelled' });
            show(`${id} cancelled`, 'ok');
          },
          (error: unknown) => show(describeRefusal('cancel', id, error), 'error'),
        );
      },
      /** `u`: recalls this screen's last bump or cancel that is not undone yet, and says what it undid. */
      undo() {
        const last = own.current.pop();
        if (!last) {
          return show(undone.current ? 'nothing left to undo: this screen\'s recent changes are all undone' : 'nothing to undo: this screen has not bumped anything yet');
        }
        undone.current = true;
        const id = inertText(last.orderId);
        recall(last.orderId, last.to, `undid ${last.action} of ${id} (${last.from} → ${last.to})`);
      },
      /** Recalls an order's last change, expecting it to be in `expect` now. */
      recall(order: Order) {
        recall(order.id, order.status, `recalled ${inertText(order.id)} from ${order.status}`);
      },
    };
  }, [link, show]);
}
