import { inertText } from '../../protocol/inert-text.js';
import type { Order } from '../../protocol/model.js';
import type { BoardCommand, BoardMode } from './board-keys.js';
import type { BoardColumn } from './columns.js';
import { jumpSelection, moveSelection, type Selection } from './selection.js';

/** What the keys change on the board, apart from the orders themselves. */
export interface BoardUi {
  mode: BoardMode;
  /** The filter in force. */
  filter: string;
  /** The filter being typed after `/`, applied live. */
  draft: string;
  cancelTarget: Order | undefined;
  /** The Out for Delivery ticket whose final bump waits for y / n. */
  deliverTarget: Order | undefined;
  /** The ticket open in full (`o`), by id: it stays open while it changes. */
  ticketId: string | undefined;
  /** The highlighted row of the recall panel, or the first row shown of the open ticket. */
  panelRow: number;
  selection: Selection | undefined;
  /** The filter the selection was last reconciled under: a new filter may re-pick the selection. */
  filteredBy: string;
  /**
   * The selection before the filter moved it, which clearing the filter puts back; dropped when the
   * cook moves under the filter (then the ticket moved to is the cook's choice).
   */
  beforeFilter: Selection | undefined;
}

export const INITIAL_BOARD_UI: BoardUi = {
  mode: 'board',
  filter: '',
  draft: '',
  cancelTarget: undefined,
  deliverTarget: undefined,
  ticketId: undefined,
  panelRow: 0,
  selection: undefined,
  filteredBy: '',
  beforeFilter: undefined,
};

/** The selected ticket, or undefined when none is (none yet, or it left the board). */
export function selectedOrder(ui: BoardUi, columns: readonly BoardColumn[]): Order | undefined {
  if (!ui.selection || ui.selection.gone) return undefined;
  const order = columns[ui.selection.column]?.orders[ui.selection.index];
  return order?.id === ui.selection.orderId ? order : undefined;
}

/** The filter the board applies now: the one being typed, else the one kept. */
export const activeFilter = (ui: BoardUi): string => (ui.mode === 'filter' ? ui.draft : ui.filter);

export interface LayoutFacts {
  /** The board is one list (narrow terminal), so up and down run through all statuses. */
  flowing?: boolean;
  /** Tickets a PgUp/PgDn moves on the board. */
  page?: number;
  /** Rows of the panel open now (recall entries, lines of the open ticket), to keep panelRow inside. */
  panelRows?: number;
}

/** How a command changes the board's own state. Requests (bump, cancel, recall) and quitting are the caller's. */
export function nextBoardUi(ui: BoardUi, command: BoardCommand, columns: readonly BoardColumn[], facts: LayoutFacts = {}): BoardUi {
  const { flowing = false, page = 5, panelRows = 0 } = facts;
  switch (command.type) {
    case 'move':
      return { ...ui, selection: moveSelection(columns, ui.selection, command.direction, flowing), beforeFilter: undefined };
    case 'jump':
      return { ...ui, selection: jumpSelection(columns, ui.selection, command.jump, page, flowing), beforeFilter: undefined };
    case 'askCancel': {
      const order = selectedOrder(ui, columns);
      return order ? { ...ui, mode: 'confirmCancel', cancelTarget: order } : ui;
    }
    case 'answerCancel':
      return { ...ui, mode: 'board', cancelTarget: undefined };
    case 'answerDeliver':
      return { ...ui, mode: 'board', deliverTarget: undefined };
    case 'toggle': {
      if (ui.mode === command.panel) return { ...ui, mode: 'board', ticketId: undefined };
      if (command.panel === 'ticket') {
        const order = selectedOrder(ui, columns);
        return order ? { ...ui, mode: 'ticket', ticketId: order.id, panelRow: 0 } : ui;
      }
      return { ...ui, mode: command.panel, panelRow: 0, ticketId: undefined };
    }
    case 'panelMove': {
      const row = ui.panelRow + command.step;
      return { ...ui, panelRow: Math.max(0, Math.min(Number.isFinite(row) ? row : row > 0 ? panelRows : 0, panelRows - 1)) };
    }
    case 'startFilter':
      // A filter already kept has its "before" already; a new one remembers the selection of now.
      return { ...ui, mode: 'filter', draft: ui.filter, beforeFilter: ui.filter ? ui.beforeFilter : ui.selection };
    case 'editFilter':
      return { ...ui, draft: ui.draft + command.text };
    case 'eraseFilter':
      return { ...ui, draft: dropLastCharacter(ui.draft) };
    case 'clearDraft':
      return { ...ui, draft: '' };
    case 'keepFilter':
      return ui.draft.trim() ? { ...ui, mode: 'board', filter: ui.draft.trim() } : unfiltered(ui);
    case 'close':
      // esc on the bare board, or in the filter line, also drops the filter.
      return ui.mode === 'board' || ui.mode === 'filter' ? unfiltered(ui) : { ...ui, mode: 'board', ticketId: undefined };
    default:
      return ui;
  }
}

/** The board without a filter, the selection back where it was before the filter moved it (if the cook did not move since). */
function unfiltered(ui: BoardUi): BoardUi {
  const selection = ui.beforeFilter ? { ...ui.beforeFilter, gone: false } : ui.selection;
  return { ...ui, mode: 'board', ticketId: undefined, filter: '', draft: '', selection, beforeFilter: undefined };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text without its last character as the cook sees it (a grapheme: é, 宫, an emoji), never half of one. */
function dropLastCharacter(text: string): string {
  const last = [...graphemes.segment(text)].at(-1);
  return last ? text.slice(0, last.index) : text;
}

/** The final bump (Out for Delivery -> Delivered) takes the ticket off the board: it asks first, like cancel. */
export const askDeliver = (ui: BoardUi, order: Order): BoardUi => ({ ...ui, mode: 'confirmDeliver', deliverTarget: order });

/** What to say when the ticket of an open y / n prompt changed since it was asked (undefined: it did not). */
export function promptGoneStale(ui: BoardUi, open: readonly Order[]): string | undefined {
  const target = ui.mode === 'confirmCancel' ? ui.cancelTarget : ui.mode === 'confirmDeliver' ? ui.deliverTarget : undefined;
  if (!target) return undefined;
  const now = open.find((order) => order.id === target.id);
  if (!now) return `${inertText(target.id)} left the board: nothing done`;
  if (now.version !== target.version) return `${inertText(target.id)} changed on another screen (it is ${now.status} now): nothing done`;
  return undefined;
}
