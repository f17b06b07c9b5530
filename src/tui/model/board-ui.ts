import type { Order } from '../../protocol/model.js';
import type { BoardCommand, BoardMode } from './board-keys.js';
import type { BoardColumn } from './columns.js';
import { moveSelection, type Selection } from './selection.js';

/** What the keys change on the board, apart from the orders themselves. */
export interface BoardUi {
  mode: BoardMode;
  /** The filter in force. */
  filter: string;
  /** The filter being typed after `/`, applied live. */
  draft: string;
  cancelTarget: Order | undefined;
  selection: Selection | undefined;
}

export const INITIAL_BOARD_UI: BoardUi = { mode: 'board', filter: '', draft: '', cancelTarget: undefined, selection: undefined };

export function selectedOrder(ui: BoardUi, columns: readonly BoardColumn[]): Order | undefined {
  return ui.selection ? columns[ui.selection.column]?.orders[ui.selection.index] : undefined;
}

/** The filter the board applies now: the one being typed, else the one kept. */
export const activeFilter = (ui: BoardUi): string => (ui.mode === 'filter' ? ui.draft : ui.filter);

/**
 * How a command changes the board's own state. Requests (bump, cancel) and quitting are the caller's.
 * `flowing`: the board is one list (narrow terminal), so up and down run through all statuses.
 */
export function nextBoardUi(ui: BoardUi, command: BoardCommand, columns: readonly BoardColumn[], flowing = false): BoardUi {
  switch (command.type) {
    case 'move':
      return { ...ui, selection: moveSelection(columns, ui.selection, command.direction, flowing) };
    case 'askCancel': {
      const order = selectedOrder(ui, columns);
      return order ? { ...ui, mode: 'confirmCancel', cancelTarget: order } : ui;
    }
    case 'answerCancel':
      return { ...ui, mode: 'board', cancelTarget: undefined };
    case 'toggle':
      return { ...ui, mode: ui.mode === command.panel ? 'board' : command.panel };
    case 'startFilter':
      return { ...ui, mode: 'filter', draft: ui.filter };
    case 'editFilter':
      return { ...ui, draft: ui.draft + command.text };
    case 'eraseFilter':
      return { ...ui, draft: ui.draft.slice(0, -1) };
    case 'keepFilter':
      return { ...ui, mode: 'board', filter: ui.draft.trim() };
    case 'close':
      // esc on the bare board, or in the filter line, also drops the filter.
      return { ...ui, mode: 'board', filter: ui.mode === 'board' || ui.mode === 'filter' ? '' : ui.filter };
    default:
      return ui;
  }
}
