import { Box, useApp } from 'ink';
import { useCallback, useReducer, useRef } from 'react';
import type { RestaurantBoard } from '../../client/restaurant-board.js';
import { nextStatus } from '../../domain/transitions.js';
import type { RtcError } from '../../protocol/errors.js';
import type { Order } from '../../protocol/model.js';
import { useBoard } from '../hooks/use-board.js';
import { useClientState } from '../hooks/use-client-state.js';
import { useClock, type Now } from '../hooks/use-clock.js';
import { useFlash } from '../hooks/use-flash.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useNewTickets } from '../hooks/use-new-tickets.js';
import { useNotices } from '../hooks/use-notices.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { KitchenLink } from '../kitchen-link.js';
import { DEFAULT_THRESHOLDS, type AgeThresholds } from '../model/age.js';
import { keyHints, type BoardCommand, type BoardMode } from '../model/board-keys.js';
import { toColumns } from '../model/columns.js';
import { matchesFilter } from '../model/order-filter.js';
import { describeRefusal } from '../model/refusal.js';
import { moveSelection, reconcileSelection, type Selection } from '../model/selection.js';
import { AllDayPanel } from './all-day-panel.js';
import { BoardColumns } from './board-columns.js';
import { BoardHeader } from './board-header.js';
import { BoardList } from './board-list.js';
import { HelpPanel } from './help-panel.js';
import { KeyFooter } from './key-footer.js';
import { MessageLine } from './message-line.js';
import { RecallPanel } from './recall-panel.js';
import type { TicketMarks } from './ticket-context.js';

/** A key the host adds to the board (rtc demo: restart the embedded server). */
export interface ExtraAction {
  key: string;
  hint: string;
  help: string;
  /** Answers the line to show when done. */
  run(): Promise<string>;
}

export interface KitchenBoardProps {
  link: KitchenLink;
  board: RestaurantBoard;
  restaurant: string;
  user: string;
  thresholds?: AgeThresholds;
  /** Rings for a new ticket; the host decides how (the terminal bell, or nothing with --no-bell). */
  ring?: () => void;
  /** Shortest time between two renders of board changes. */
  frameMs?: number;
  now?: Now;
  extraActions?: ExtraAction[];
}

interface UiState {
  mode: BoardMode;
  /** The filter in force. */
  filter: string;
  /** The filter being typed after `/`, applied live. */
  draft: string;
  cancelTarget: Order | undefined;
  selection: Selection | undefined;
}

/** Below this width the columns become a list. */
export const WIDE_COLUMNS = 100;

/** Errors that mean this board cannot be shown at all: quitting with them beats an empty screen. */
const FATAL_BEFORE_LOAD = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

const noRing = () => {};

/** The kitchen display: live tickets by status, bumped and cancelled from the keyboard. */
export function KitchenBoard({ link, board, restaurant, user, thresholds = DEFAULT_THRESHOLDS, ring = noRing, frameMs, now: clockNow, extraActions = [] }: KitchenBoardProps) {
  const { exit } = useApp();
  const view = useBoard(link, board, frameMs);
  const state = useClientState(link);
  const now = useClock(clockNow);
  const { columns: width, rows } = useTerminalSize();
  const { flash, show } = useFlash();
  // What the keys change lives in a ref that each key updates at once, then asks for a render: keys
  // typed faster than the screen renders (key repeat, a paste) each see the one before.
  const ui = useRef<UiState>({ mode: 'board', filter: '', draft: '', cancelTarget: undefined, selection: undefined });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const update = (patch: Partial<UiState>) => {
    ui.current = { ...ui.current, ...patch };
    rerender();
  };
  const { mode, filter, draft, cancelTarget } = ui.current;

  const onNotice = useCallback(
    (notice: RtcError) => {
      if (!board.hasState && FATAL_BEFORE_LOAD.has(notice.code)) exit(notice);
      else show(notice.message, 'error');
    },
    [board, exit, show],
  );
  useNotices(link, onNotice);

  const activeFilter = mode === 'filter' ? draft : filter;
  const visible = activeFilter ? view.open.filter((order) => matchesFilter(order, activeFilter)) : view.open;
  const columns = toColumns(visible);
  const selection = reconcileSelection(columns, ui.current.selection);
  ui.current.selection = selection;
  const selectedOrder = selection ? columns[selection.column]?.orders[selection.index] : undefined;
  const currentOrder = () => {
    const current = ui.current.selection;
    return current ? columns[current.column]?.orders[current.index] : undefined;
  };
  const highlighted = useNewTickets(view.open, view.hasState, now, ring);
  const numbers = new Map(visible.slice(0, 9).map((order, i) => [order.id, i + 1]));

  const bump = (order: Order) => {
    const to = nextStatus(order.status);
    show(`bumping ${order.id} → ${to}…`);
    link.advance(order.id, { expect: order.status }).then(
      () => show(`${order.id} → ${to}`, 'ok'),
      (error: unknown) => show(describeRefusal('bump', order.id, error), 'error'),
    );
  };
  const cancel = (order: Order) => {
    show(`cancelling ${order.id}…`);
    link.cancel(order.id, { reason: 'cancelled at the kitchen display', expect: order.status }).then(
      () => show(`${order.id} cancelled`, 'ok'),
      (error: unknown) => show(describeRefusal('cancel', order.id, error), 'error'),
    );
  };

  const onCommand = (command: BoardCommand) => {
    switch (command.type) {
      case 'quit':
        return exit();
      case 'move':
        return update({ selection: moveSelection(columns, ui.current.selection, command.direction) });
      case 'bump': {
        const order = currentOrder();
        if (order) bump(order);
        else show('nothing to bump: no ticket selected');
        return;
      }
      case 'bumpNth': {
        const order = visible[command.n - 1];
        if (order) bump(order);
        else show(`there is no ticket ${command.n}: ${visible.length} on the board`);
        return;
      }
      case 'askCancel': {
        const order = currentOrder();
        if (!order) return show('nothing to cancel: no ticket selected');
        return update({ mode: 'confirmCancel', cancelTarget: order });
      }
      case 'answerCancel': {
        const target = ui.current.cancelTarget;
        if (command.yes && target) cancel(target);
        return update({ mode: 'board', cancelTarget: undefined });
      }
      case 'toggle':
        return update({ mode: ui.current.mode === command.panel ? 'board' : command.panel });
      case 'startFilter':
        return update({ mode: 'filter', draft: ui.current.filter });
      case 'editFilter':
        return update({ draft: ui.current.draft + command.text });
      case 'eraseFilter':
        return update({ draft: ui.current.draft.slice(0, -1) });
      case 'keepFilter':
        return update({ mode: 'board', filter: ui.current.draft.trim() });
      case 'close':
        // esc on the bare board, or in the filter line, also drops the filter.
        return update({ mode: 'board', ...(ui.current.mode === 'board' || ui.current.mode === 'filter' ? { filter: '' } : {}) });
      case 'extra': {
        const action = extraActions.find((candidate) => candidate.key === command.key);
        if (!action) return;
        show(`${action.help}…`);
        action.run().then(
          (text) => show(text, 'ok'),
          (error: unknown) => show(`${action.help} failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
        );
      }
    }
  };
  useKeymap(
    () => ui.current.mode,
    onCommand,
    extraActions.map((action) => action.key),
  );

  const height = Math.max(8, rows - 1);
  const bodyHeight = height - 4;
  const marks: TicketMarks = { now, thresholds, selectedId: selectedOrder?.id, highlighted, numbers };
  const prompt =
    mode === 'confirmCancel' && cancelTarget
      ? `Cancel ${cancelTarget.id} (${cancelTarget.customerName}, ${cancelTarget.status})? y / n`
      : mode === 'filter'
        ? `/ ${draft}▏`
        : undefined;
  const hints = keyHints(
    mode,
    visible.length > 0,
    filter !== '',
    extraActions.map((action) => ({ keys: action.key, what: action.hint })),
  );

  return (
    <Box flexDirection="column" width={width} height={height}>
      <BoardHeader restaurant={restaurant} user={user} state={state} columns={columns} filter={activeFilter} now={now} width={width} />
      {mode === 'help' ? (
        <HelpPanel width={width} height={bodyHeight} extra={extraActions.map((action) => [action.key, action.help])} />
      ) : mode === 'allDay' ? (
        <AllDayPanel orders={visible} width={width} height={bodyHeight} />
      ) : mode === 'recall' ? (
        <RecallPanel finished={view.finished} now={now} width={width} height={bodyHeight} />
      ) : width >= WIDE_COLUMNS ? (
        <BoardColumns columns={columns} width={width} height={bodyHeight} marks={marks} />
      ) : (
        <BoardList columns={columns} width={width} height={bodyHeight} marks={marks} />
      )}
      <MessageLine prompt={prompt} flash={flash} />
      <KeyFooter hints={hints} />
    </Box>
  );
}
