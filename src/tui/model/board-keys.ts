import type { Key } from 'ink';
import type { Direction, Jump } from './selection.js';

/** What the board is showing on top of the tickets; it decides what keys mean. */
export type BoardMode = 'board' | 'help' | 'allDay' | 'recall' | 'ticket' | 'confirmCancel' | 'confirmDeliver' | 'filter';

export type Panel = 'help' | 'allDay' | 'recall' | 'ticket';

export type BoardCommand =
  | { type: 'move'; direction: Direction }
  | { type: 'jump'; jump: Jump }
  /** `key`: which key asked, so that a bounce of that key is told from a second, different press. */
  | { type: 'bump'; key: string }
  /** A number key: bump the ticket that carries that number. */
  | { type: 'bumpNumber'; n: number }
  | { type: 'askCancel' }
  | { type: 'answerCancel'; yes: boolean }
  | { type: 'answerDeliver'; yes: boolean }
  | { type: 'undo' }
  | { type: 'toggle'; panel: Panel }
  /** Moves the highlight in the recall panel, or scrolls the open ticket, by `step` rows (±Infinity: to an end). */
  | { type: 'panelMove'; step: number }
  /** Enter in the recall panel: recall the highlighted change. */
  | { type: 'recallPicked' }
  | { type: 'startFilter' }
  | { type: 'editFilter'; text: string }
  | { type: 'eraseFilter' }
  /** Ctrl-U in the filter line: erase all that was typed, as a shell does. */
  | { type: 'clearDraft' }
  | { type: 'keepFilter' }
  | { type: 'close' }
  | { type: 'quit' }
  | { type: 'extra'; key: string };

const MOVES: Record<string, Direction> = { h: 'left', j: 'down', k: 'up', l: 'right' };

/** Rows a PgUp/PgDn moves in a panel. */
export const PANEL_PAGE = 10;

function jumpOf(input: string, key: Key): Jump | undefined {
  if (key.home || input === 'g') return 'first';
  if (key.end || input === 'G') return 'last';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  return undefined;
}

function panelStep(input: string, key: Key): number | undefined {
  if (key.upArrow || input === 'k') return -1;
  if (key.downArrow || input === 'j') return 1;
  const jump = jumpOf(input, key);
  if (jump === 'first') return -Infinity;
  if (jump === 'last') return Infinity;
  if (jump === 'pageUp') return -PANEL_PAGE;
  if (jump === 'pageDown') return PANEL_PAGE;
  return undefined;
}

/** Translates one key press, in the current mode, into what the board should do. */
export function keyToCommand(mode: BoardMode, input: string, key: Key, extraKeys: readonly string[] = []): BoardCommand | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };

  if (mode === 'filter') {
    if (key.escape) return { type: 'close' };
    if (key.return) return { type: 'keepFilter' };
    if (key.backspace || key.delete) return { type: 'eraseFilter' };
    if (key.ctrl && input === 'u') return { type: 'clearDraft' };
    if (input && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f-\u009f]/.test(input)) return { type: 'editFilter', text: input };
    return undefined;
  }
  if (mode === 'confirmCancel' || mode === 'confirmDeliver') {
    const answer = mode === 'confirmCancel' ? 'answerCancel' : 'answerDeliver';
    if (input === 'y' || input === 'Y') return { type: answer, yes: true };
    if (input === 'n' || input === 'N' || key.escape) return { type: answer, yes: false };
    if (input === 'q') return { type: 'quit' };
    return undefined;
  }

  if (key.escape) return { type: 'close' };
  if (input === 'q') return { type: 'quit' };
  if (input === '?') return { type: 'toggle', panel: 'help' };
  if (input === 'a') return { type: 'toggle', panel: 'allDay' };
  if (input === 'r') return { type: 'toggle', panel: 'recall' };
  if (mode === 'ticket' && (input === 'o' || input === 'v')) return { type: 'toggle', panel: 'ticket' };
  if (mode === 'recall' || mode === 'ticket') {
    const step = panelStep(input, key);
    if (step !== undefined) return { type: 'panelMove', step };
    if (mode === 'recall' && key.return) return { type: 'recallPicked' };
    return undefined;
  }
  if (mode !== 'board') return undefined;

  if (key.upArrow) return { type: 'move', direction: 'up' };
  if (key.downArrow) return { type: 'move', direction: 'down' };
  if (key.leftArrow) return { type: 'move', direction: 'left' };
  if (key.rightArrow) return { type: 'move', direction: 'right' };
  const move = MOVES[input];
  if (move) return { type: 'move', direction: move };
  const jump = jumpOf(input, key);
  if (jump) return { type: 'jump', jump };
  if (key.return) return { type: 'bump', key: 'enter' };
  if (input === ' ') return { type: 'bump', key: 'space' };
  if (/^[1-9]$/.test(input)) return { type: 'bumpNumber', n: Number(input) };
  if (input === 'x') return { type: 'askCancel' };
  if (input === 'u') return { type: 'undo' };
  if (input === 'o' || input === 'v') return { type: 'toggle', panel: 'ticket' };
  if (input === '/') return { type: 'startFilter' };
  if (extraKeys.includes(input)) return { type: 'extra', key: input };
  return undefined;
}

export interface KeyHint {
  keys: string;
  what: string;
}

/** The footer: only the keys that do something now, most used first. The footer wraps rather than cut any. */
export function keyHints(mode: BoardMode, hasTickets: boolean, filtering: boolean, extras: readonly KeyHint[] = []): KeyHint[] {
  switch (mode) {
    case 'filter':
      return [
        { keys: 'type', what: 'filter' },
        { keys: '⏎', what: 'keep' },
        { keys: 'ctrl-u', what: 'erase' },
        { keys: 'esc', what: 'clear' },
      ];
    case 'confirmCancel':
      return [
        { keys: 'y', what: 'cancel the order' },
        { keys: 'n/esc', what: 'keep it' },
      ];
    case 'confirmDeliver':
      return [
        { keys: 'y', what: 'mark it delivered' },
        { keys: 'n/esc', what: 'keep it' },
      ];
    case 'recall':
      return [
        { keys: '↑↓/jk', what: 'choose' },
        { keys: '⏎', what: 'recall it' },
        { keys: 'esc/r', what: 'close' },
        { keys: 'q', what: 'quit' },
      ];
    case 'ticket':
      return [
        { keys: '↑↓/jk PgUp/PgDn', what: 'scroll' },
        { keys: 'esc/o', what: 'close' },
        { keys: 'q', what: 'quit' },
      ];
    case 'help':
    case 'allDay':
      return [
        { keys: 'esc', what: 'close' },
        { keys: mode === 'allDay' ? 'a' : '?', what: 'toggle' },
        { keys: 'q', what: 'quit' },
      ];
    case 'board':
      return [
        ...(hasTickets
          ? [
              { keys: '⏎', what: 'bump' },
              { keys: '1-9', what: 'bump that number' },
              { keys: 'x', what: 'cancel' },
              { keys: 'o', what: 'open' },
            ]
          : []),
        { keys: 'u', what: 'undo' },
        { keys: 'r', what: 'recall' },
        { keys: 'a', what: 'all-day' },
        { keys: '/', what: 'filter' },
        ...(filtering ? [{ keys: 'esc', what: 'clear filter' }] : []),
        { keys: '?', what: 'help' },
        { keys: 'q', what: 'quit' },
        ...extras,
        ...(hasTickets ? [{ keys: '←↓↑→ hjkl g/G', what: 'move' }] : []),
      ];
  }
}
