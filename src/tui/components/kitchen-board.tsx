import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { RestaurantBoard } from '../../client/restaurant-board.js';
import type { RtcError } from '../../protocol/errors.js';
import type { Order } from '../../protocol/model.js';
import { inertText } from '../../protocol/inert-text.js';
import { useBoard } from '../hooks/use-board.js';
import { useBoardRequests } from '../hooks/use-board-requests.js';
import { useChangeLog } from '../hooks/use-change-log.js';
import { useClientState } from '../hooks/use-client-state.js';
import { useClock, type Now } from '../hooks/use-clock.js';
import { useFlash } from '../hooks/use-flash.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useNewTickets } from '../hooks/use-new-tickets.js';
import { useNotices } from '../hooks/use-notices.js';
import { useOrderHistory } from '../hooks/use-order-history.js';
import { PRESS_GUARD_MS, usePressGuard } from '../hooks/use-press-guard.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { KitchenLink } from '../kitchen-link.js';
import { DEFAULT_THRESHOLDS, type AgeThresholds } from '../model/age.js';
import { keyHints, type BoardCommand } from '../model/board-keys.js';
import { boardTime } from '../model/board-time.js';
import { activeFilter, askDeliver, INITIAL_BOARD_UI, nextBoardUi, promptGoneStale, selectedOrder, type BoardUi } from '../model/board-ui.js';
import { toColumns, type BoardColumn } from '../model/columns.js';
import { wrapWords } from '../model/display-width.js';
import { matchesFilter } from '../model/order-filter.js';
import { DEFAULT_RECALL_WINDOW_MS, recallEntries } from '../model/recall-list.js';
import { reconcileSelection, refilterSelection } from '../model/selection.js';
import { linkHealth } from '../model/staleness.js';
import { ticketForNumber } from '../model/number-key.js';
import { TicketNumbers } from '../model/ticket-numbers.js';
import { ticketSheet } from '../model/ticket-sheet.js';
import { AllDayPanel } from './all-day-panel.js';
import { BoardColumns } from './board-columns.js';
import { BoardHeader, headerRows } from './board-header.js';
import { BoardList } from './board-list.js';
import { HelpPanel } from './help-panel.js';
import { footerLines, KeyFooter } from './key-footer.js';
import { MessageLine, messageRows } from './message-line.js';
import { RecallPanel } from './recall-panel.js';
import type { TicketMarks } from './ticket-context.js';
import { PANEL_FRAME_ROWS, TicketPanel } from './ticket-panel.js';

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
  /** Our own clock (ms since the epoch); the server's time is this plus the link's clock offset. */
  now?: Now;
  /** How far back the recall panel lists changes, in ms (the server's `--recall-window`). */
  recallWindowMs?: number;
  /** A repeat of the same key on the same ticket within this many ms (real time) acts once. */
  pressGuardMs?: number;
  /** The real-time clock the guard measures with (tests inject one). */
  pressClock?: Now;
  extraActions?: ExtraAction[];
  /**
   * An order and its events (the HTTP API's `GET /api/orders/:id`) for the open ticket's history; else
   * the link's own `orderHistory`, else the ticket says its history is unavailable.
   */
  orderHistory?: KitchenLink['orderHistory'];
}

/** Below this width the columns become a list. */
export const WIDE_COLUMNS = 100;

/** The narrowest terminal the board is made for (the README promises 80x24); narrower, it says so. */
export const MIN_COLUMNS = 80;

/** The warning a terminal narrower than MIN_COLUMNS gets, wrapped into its width. */
const narrowRows = (width: number): string[] =>
  width >= MIN_COLUMNS ? [] : wrapWords(`${width} columns is too narrow for the board (it needs ${MIN_COLUMNS}): widen the window. Allergies still show in full.`, width);

/** Errors that mean this board cannot be shown at all: quitting with them beats an empty screen. */
const FATAL_BEFORE_LOAD = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

const noRing = () => {};

/** The open tickets, the ones a filter shows and their columns. */
interface Showing {
  open: Order[];
  filter: string;
  visible: Order[];
  columns: BoardColumn[];
}

/** The kitchen display: live tickets by status, bumped, cancelled and recalled from the keyboard. */
export function KitchenBoard(props: KitchenBoardProps) {
  const { link, board, restaurant, user, thresholds = DEFAULT_THRESHOLDS, ring = noRing, frameMs, now: clockNow, extraActions = [] } = props;
  const { recallWindowMs = DEFAULT_RECALL_WINDOW_MS, pressGuardMs = PRESS_GUARD_MS } = props;
  const { exit } = useApp();
  const localClock = clockNow ?? Date.now;
  const view = useBoard(link, board, frameMs, () => boardTime(link, localClock()).serverNow);
  const state = useClientState(link);
  const { localNow, serverNow: now, timing } = boardTime(link, useClock(clockNow));
  const health = linkHealth(state, timing, localNow);
  const changes = useChangeLog(link);
  const { columns: width, rows } = useTerminalSize();
  const { flash, show } = useFlash();
  const requests = useBoardRequests(link, show);
  const bounced = usePressGuard(pressGuardMs, props.pressClock);
  // What the keys change lives in a ref that each key updates at once, then asks for a render: keys
  // typed faster than the screen renders (key repeat, a paste) each see the one before.
  const ui = useRef<BoardUi>(INITIAL_BOARD_UI);
  const numbering = useRef(new TicketNumbers());
  const shown = useRef<Showing | undefined>(undefined);
  const promptNotice = useRef<string | undefined>(undefined);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const onNotice = useCallback(
    (notice: RtcError) => {
      if (!board.hasState && FATAL_BEFORE_LOAD.has(notice.code)) exit(notice);
      else show(notice.message, 'error');
    },
    [board, exit, show],
  );
  useNotices(link, onNotice);

  /** The tickets the filter `filter` lets through, and their columns; kept while neither changes. */
  const showing = (filter: string): Showing => {
    const last = shown.current;
    if (last && last.open === view.open && last.filter === filter) return last;
    const visible = filter ? view.open.filter((order) => matchesFilter(order, filter)) : view.open;
    return (shown.current = { open: view.open, filter, visible, columns: toColumns(visible) });
  };
  /**
   * The board as `state` sees it: the tickets its filter shows, and its selection kept on its ticket
   * (or, under a new filter, re-picked). A key handled before the screen re-rendered (several keys in
   * one read, a fast typist) sees the filter the key before it left, not the last frame's.
   */
  const settle = (state: BoardUi): Showing & { ui: BoardUi } => {
    const filter = activeFilter(state);
    const tickets = showing(filter);
    const selection = state.filteredBy === filter ? reconcileSelection(tickets.columns, state.selection) : refilterSelection(tickets.columns, state.selection);
    return { ...tickets, ui: { ...state, selection, filteredBy: filter } };
  };
  const settled = settle(ui.current);
  ui.current = settled.ui;
  const { visible, columns } = settled;
  const filterNow = activeFilter(ui.current);
  // A y / n prompt is about the ticket as it was asked: when that ticket changes (another screen bumped,
  // recalled or cancelled it), the prompt closes and says so, rather than offer a stale choice.
  const stalePrompt = promptGoneStale(ui.current, view.open);
  if (stalePrompt) {
    ui.current = { ...ui.current, mode: 'board', cancelTarget: undefined, deliverTarget: undefined };
    promptNotice.current = stalePrompt;
  }
  useEffect(() => {
    if (!promptNotice.current) return;
    show(promptNotice.current);
    promptNotice.current = undefined;
  });
  const { mode, filter, draft, cancelTarget, deliverTarget } = ui.current;
  const selected = selectedOrder(ui.current, columns);
  const highlighted = useNewTickets(view.open, view.hasState, now, ring);
  // Numbers stay with their tickets: counted over every open ticket, whatever the filter shows.
  const numbers = numbering.current.update(view.open, localNow);
  const recallable = mode === 'recall' ? recallEntries(view.open, view.finished, changes, now, recallWindowMs) : [];
  const openTicket = ui.current.ticketId ? (view.open.find((order) => order.id === ui.current.ticketId) ?? board.finished.get(ui.current.ticketId)?.order) : undefined;
  const history = useOrderHistory(props.orderHistory ?? link.orderHistory, openTicket?.id, openTicket?.version);

  // The layout, in rows: header, body, message, footer; the header, message and footer grow (wrap)
  // rather than cut what they say, and the body takes what is left.
  const height = Math.max(8, rows - 1);
  const prompt =
    mode === 'confirmCancel' && cancelTarget
      ? `Cancel ${inertText(cancelTarget.id)} (${inertText(cancelTarget.customerName)}, ${cancelTarget.status})? y / n`
      : mode === 'confirmDeliver' && deliverTarget
        ? `Mark ${inertText(deliverTarget.id)} (${inertText(deliverTarget.customerName)}) Delivered? It leaves the board. y / n`
        : mode === 'filter'
          ? `/ ${draft}▏`
          : undefined;
  const hints = keyHints(
    mode,
    visible.length > 0,
    filter !== '',
    extraActions.map((action) => ({ keys: action.key, what: action.hint })),
  );
  const headerHeight = headerRows({ restaurant, user, state, health, now, localNow, width });
  const messageHeight = messageRows(prompt, flash, width).length;
  const footerHeight = footerLines(hints, width).length;
  const narrow = narrowRows(width);
  const bodyHeight = Math.max(3, height - headerHeight - narrow.length - messageHeight - footerHeight);
  const flowing = width < WIDE_COLUMNS;
  const sheet = openTicket ? ticketSheet(openTicket, history, now, thresholds, Math.max(10, width - 4)) : [];
  const panelRows = mode === 'recall' ? recallable.length : mode === 'ticket' ? Math.max(1, sheet.length - (bodyHeight - PANEL_FRAME_ROWS) + 1) : 0;

  const onCommand = (command: BoardCommand) => {
    // From the ref, not from this render: keys typed faster than the screen renders each see the one before.
    const { ui: current, ...shownNow } = settle(ui.current);
    const { columns } = shownNow;
    ui.current = current;
    const order = selectedOrder(current, columns);
    const noneSelected = (what: string) =>
      show(current.selection?.gone ? `nothing to ${what}: ${inertText(current.selection.orderId)} left the board; move to choose a ticket` : `nothing to ${what}: no ticket selected`);
    switch (command.type) {
      case 'quit':
        return exit();
      case 'bump':
        if (!order) return noneSelected('bump');
        if (bounced(command.key, order.id)) return;
        if (order.status === 'Out for Delivery') {
          ui.current = askDeliver(current, order);
          return rerender();
        }
        return requests.bump(order);
      case 'bumpNumber': {
        const layout = { flowing, width, height: bodyHeight, selectedId: order?.id, now, thresholds };
        const nth = ticketForNumber(numbering.current, command.n, shownNow.visible, columns, layout);
        if (typeof nth === 'string') return show(nth);
        if (bounced(String(command.n), nth.id)) return;
        if (nth.status === 'Out for Delivery') {
          ui.current = askDeliver(current, nth);
          return rerender();
        }
        return requests.bump(nth);
      }
      case 'askCancel':
        if (!order) return noneSelected('cancel');
        break;
      case 'answerCancel':
        if (command.yes && current.cancelTarget) requests.cancel(current.cancelTarget);
        break;
      case 'answerDeliver':
        if (command.yes && current.deliverTarget) requests.bump(current.deliverTarget);
        break;
      case 'undo':
        if (bounced('u', '')) return;
        return requests.undo();
      case 'recallPicked': {
        const entry = recallable[current.panelRow];
        if (!entry) return show('nothing to recall');
        if (bounced('recall', entry.order.id)) return;
        return requests.recall(entry.order);
      }
      case 'toggle':
        if (command.panel === 'ticket' && current.mode !== 'ticket' && !order) return noneSelected('open');
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
    const page = flowing ? Math.max(1, bodyHeight - 2) : Math.max(1, Math.floor(bodyHeight / 4));
    ui.current = nextBoardUi(current, command, columns, { flowing, page, panelRows });
    rerender();
  };
  useKeymap(
    () => ui.current.mode,
    onCommand,
    extraActions.map((action) => action.key),
  );

  const marks: TicketMarks = { now, thresholds, selectedId: selected?.id, highlighted, numbers };

  return (
    <Box flexDirection="column" width={width} height={height}>
      <BoardHeader restaurant={restaurant} user={user} state={state} health={health} columns={columns} filter={filterNow} now={now} localNow={localNow} width={width} />
      {narrow.map((row, i) => (
        <Text key={`narrow-${i}`} bold inverse wrap="truncate">
          {row}
        </Text>
      ))}
      {mode === 'help' ? (
        <HelpPanel width={width} height={bodyHeight} extra={extraActions.map((action) => [action.key, action.help])} />
      ) : mode === 'allDay' ? (
        <AllDayPanel orders={visible} width={width} height={bodyHeight} />
      ) : mode === 'recall' ? (
        <RecallPanel entries={recallable} chosen={Math.min(ui.current.panelRow, recallable.length - 1)} windowMs={recallWindowMs} now={now} width={width} height={bodyHeight} />
      ) : mode === 'ticket' && openTicket ? (
        <TicketPanel title={`Ticket ${inertText(openTicket.id)}`} lines={sheet} firstRow={ui.current.panelRow} width={width} height={bodyHeight} />
      ) : !flowing ? (
        <BoardColumns columns={columns} width={width} height={bodyHeight} marks={marks} />
      ) : (
        <BoardList columns={columns} width={width} height={bodyHeight} marks={marks} />
      )}
      <MessageLine prompt={prompt} flash={flash} width={width} />
      <KeyFooter hints={hints} width={width} />
    </Box>
  );
}
