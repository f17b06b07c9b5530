import type { Key } from 'ink';

/** One key press: what Ink's useInput hands a handler. */
export interface KeyPress {
  input: string;
  key: Key;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A single character as Ink's own parser reads it when it arrives alone. */
function pressOf(char: string): KeyPress {
  if (char === '\r' || char === '\r\n') return { input: '', key: { ...NO_KEY, return: true } };
  // Alone, Ink names a line feed 'enter' and gives no input and no flag: nothing acts on it.
  if (char === '\n') return { input: '', key: NO_KEY };
  if (char === '\u007f') return { input: '', key: { ...NO_KEY, delete: true } };
  if (char === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
  if (char === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  const code = char.codePointAt(0) ?? 0;
  // Ctrl and a letter: Ink says ctrl and gives the letter (Ctrl-C is `c` with ctrl).
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: char, key: { ...NO_KEY, shift: /^[A-Z]$/.test(char) } };
}

/**
 * The key presses in what Ink handed over as one. Ink splits escape sequences (arrows, PgUp) from the
 * text around them, but gives a run of plain characters that arrived in one read (`j` and Enter from
 * a fast typist over SSH, a bump bar's macro, Enter Enter, several Backspaces, a paste) as one
 * `input`, which no key matches. Such a run is split into its characters (grapheme clusters, so an
 * accented letter or an emoji stays whole), each read as Ink reads it alone. A single key, or an input
 * Ink already named (an arrow, Enter alone), passes through as it is.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
  if ([...graphemes.segment(input)].length <= 1) return [{ input, key }];
  // A named key with text can only be Ink's own reading of a sequence: leave it be.
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end || key.escape) return [{ input, key }];
  return [...graphemes.segment(input)].map(({ segment }) => pressOf(segment));
}
