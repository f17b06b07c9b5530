import type { Key } from 'ink';
import type { Direction } from './selection.js';

/** What the board is showing on top of the tickets; it decides what keys mean. */
export type BoardMode = 'board' | 'help' | 'allDay' | 'recall' | 'confirmCancel' | 'filter';

export type BoardCommand =
  | { type: 'move'; direction: Direction }
  | { type: 'bump' }
  | { type: 'bumpNth'; n: number }
  | { type: 'askCancel' }
  | { type: 'answerCancel'; yes: boolean }
  | { type: 'toggle'; panel: 'help' | 'allDay' | 'recall' }
  | { type: 'startFilter' }
  | { type: 'editFilter'; text: string }
  | { type: 'eraseFilter' }
  | { type: 'keepFilter' }
  | { type: 'close' }
  | { type: 'quit' }
  | { type: 'extra'; key: string };

const MOVES: Record<string, Direction> = { h: 'left', j: 'down', k: 'up', l: 'right' };

/** Translates one key press, in the current mode, into what the board should do. */
export function keyToCommand(mode: BoardMode, input: string, key: Key, extraKeys: readonly string[] = []): BoardCommand | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };

  if (mode === 'filter') {
    if (key.escape) return { type: 'close' };
    if (key.return) return { type: 'keepFilter' };
    if (key.backspace || key.delete) return { type: 'eraseFilter' };
    if (input && !key.ctrl && !key.meta && !/[\u0000-\u001f]/.test(input)) return { type: 'editFilter', text: input };
    return undefined;
  }
  if (mode === 'confirmCancel') {
    if (input === 'y' || input === 'Y') return { type: 'answerCancel', yes: true };
    if (input === 'n' || input === 'N' || key.escape) return { type: 'answerCancel', yes: false };
    if (input === 'q') return { type: 'quit' };
    return undefined;
  }

  if (key.escape) return { type: 'close' };
  if (input === 'q') return { type: 'quit' };
  if (input === '?') return { type: 'toggle', panel: 'help' };
  if (input === 'a') return { type: 'toggle', panel: 'allDay' };
  if (input === 'r') return { type: 'toggle', panel: 'recall' };
  if (mode !== 'board') return undefined;

  if (key.upArrow) return { type: 'move', direction: 'up' };
  if (key.downArrow) return { type: 'move', direction: 'down' };
  if (key.leftArrow) return { type: 'move', direction: 'left' };
  if (key.rightArrow) return { type: 'move', direction: 'right' };
  const move = MOVES[input];
  if (move) return { type: 'move', direction: move };
  if (key.return || input === ' ') return { type: 'bump' };
  if (/^[1-9]$/.test(input)) return { type: 'bumpNth', n: Number(input) };
  if (input === 'x') return { type: 'askCancel' };
  if (input === '/') return { type: 'startFilter' };
  if (extraKeys.includes(input)) return { type: 'extra', key: input };
  return undefined;
}

export interface KeyHint {
  keys: string;
  what: string;
}

/** The footer: only the keys that do something now, most used first (a narrow footer cuts the tail). */
export function keyHints(mode: BoardMode, hasTickets: boolean, filtering: boolean, extras: readonly KeyHint[] = []): KeyHint[] {
  switch (mode) {
    case 'filter':
      return [
        { keys: 'type', what: 'filter' },
        { keys: '⏎', what: 'keep' },
        { keys: 'esc', what: 'clear' },
      ];
    case 'confirmCancel':
      return [
        { keys: 'y', what: 'cancel the order' },
        { keys: 'n/esc', what: 'keep it' },
      ];
    case 'help':
    case 'allDay':
    case 'recall':
      return [
        { keys: 'esc', what: 'close' },
        { keys: mode === 'allDay' ? 'a' : mode === 'recall' ? 'r' : '?', what: 'toggle' },
        { keys: 'q', what: 'quit' },
      ];
    case 'board':
      return [
        ...(hasTickets
          ? [
              { keys: '⏎', what: 'bump' },
              { keys: '1-9', what: 'bump Nth' },
              { keys: 'x', what: 'cancel' },
            ]
          : []),
        { keys: 'a', what: 'all-day' },
        { keys: 'r', what: 'recall' },
        { keys: '/', what: 'filter' },
        ...(filtering ? [{ keys: 'esc', what: 'clear filter' }] : []),
        { keys: '?', what: 'help' },
        { keys: 'q', what: 'quit' },
        ...extras,
        ...(hasTickets ? [{ keys: '←↓↑→/hjkl', what: 'move' }] : []),
      ];
  }
}
