import { Box, useApp } from 'ink';
import { useCallback, useReducer, useRef } from 'react';
import type { RestaurantBoard } from '../../client/restaurant-board.js';
import type { RtcError } from '../../protocol/errors.js';
import { useBoard } from '../hooks/use-board.js';
import { useBoardRequests } from '../hooks/use-board-requests.js';
import { useClientState } from '../hooks/use-client-state.js';
import { useClock, type Now } from '../hooks/use-clock.js';
import { useFlash } from '../hooks/use-flash.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useNewTickets } from '../hooks/use-new-tickets.js';
import { useNotices } from '../hooks/use-notices.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { KitchenLink } from '../kitchen-link.js';
import { DEFAULT_THRESHOLDS, type AgeThresholds } from '../model/age.js';
import { keyHints, type BoardCommand } from '../model/board-keys.js';
import { activeFilter, INITIAL_BOARD_UI, nextBoardUi, selectedOrder, type BoardUi } from '../model/board-ui.js';
import { toColumns } from '../model/columns.js';
import { matchesFilter } from '../model/order-filter.js';
import { reconcileSelection } from '../model/selection.js';
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
  const requests = useBoardRequests(link, show);
  // What the keys change lives in a ref that each key updates at once, then asks for a render: keys
  // typed faster than the screen renders (key repeat, a paste) each see the one before.
  const ui = useRef<BoardUi>(INITIAL_BOARD_UI);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const { mode, filter, draft, cancelTarget } = ui.current;

  const onNotice = useCallback(
    (notice: RtcError) => {
      if (!board.hasState && FATAL_BEFORE_LOAD.has(notice.code)) exit(notice);
      else show(notice.message, 'error');
    },
    [board, exit, show],
  );
  useNotices(link, onNotice);

  const filterNow = activeFilter(ui.current);
  const visible = filterNow ? view.open.filter((order) => matchesFilter(order, filterNow)) : view.open;
  const columns = toColumns(visible);
  ui.current = { ...ui.current, selection: reconcileSelection(columns, ui.current.selection) };
  const selected = selectedOrder(ui.current, columns);
  const highlighted = useNewTickets(view.open, view.hasState, now, ring);
  const numbers = new Map(visible.slice(0, 9).map((order, i) => [order.id, i + 1]));

  const onCommand = (command: BoardCommand) => {
    // From the ref, not from this render: keys typed faster than the screen renders each see the one before.
    const current = ui.current;
    const order = selectedOrder(current, columns);
    switch (command.type) {
      case 'quit':
        return exit();
      case 'bump':
        return order ? requests.bump(order) : show('nothing to bump: no ticket selected');
      case 'bumpNth': {
        const nth = visible[command.n - 1];
        return nth ? requests.bump(nth) : show(`there is no ticket ${command.n}: ${visible.length} on the board`);
      }
      case 'askCancel':
        if (!order) return show('nothing to cancel: no ticket selected');
        break;
      case 'answerCancel':
        if (command.yes && current.cancelTarget) requests.cancel(current.cancelTarget);
        break;
      case 'extra': {
        const action = extraActions.find((candidate) => candidate.key === command.key);
        if (!action) return;
        show(`${action.help}…`);
        action.run().then(
          (text) => show(text, 'ok'),
          (error: unknown) => show(`${action.help} failed: ${error instanceof Error ? error.message : String(error)}`, 'error'),
        );
        return;
      }
    }
    ui.current = nextBoardUi(current, command, columns, width < WIDE_COLUMNS);
    rerender();
  };
  useKeymap(
    () => ui.current.mode,
    onCommand,
    extraActions.map((action) => action.key),
  );

  const height = Math.max(8, rows - 1);
  const bodyHeight = height - 4;
  const marks: TicketMarks = { now, thresholds, selectedId: selected?.id, highlighted, numbers };
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
      <BoardHeader restaurant={restaurant} user={user} state={state} columns={columns} filter={filterNow} now={now} width={width} />
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
