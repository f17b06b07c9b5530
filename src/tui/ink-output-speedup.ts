import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A faster `Output.get()` for Ink 6.8, the step that turns a laid-out frame into the string written to
 * the terminal, byte for byte the same string. Ink 6.8 builds it cell by cell at every frame: a new
 * object per cell of the screen, every line tokenized again, and an ANSI diff (three Sets) between every
 * two neighbouring cells. On the 160x50 board that was most of a frame's CPU (bench/board-render.js),
 * and an app cannot draw less than its screen. Here:
 * - the caches of Ink's own tokenizer and string widths live across frames (a board's lines are mostly
 *   the same as the frame before), bounded;
 * - the characters of a cached line share one styles array per run of equal styles, and empty cells
 *   share one blank cell, so two neighbours with the same styles are known equal without a diff (the
 *   diff of a styles array with itself is always empty: nothing is written between them either way).
 * Frames with horizontal clipping keep Ink's own code (it slices with slice-ansi), with the shared caches.
 *
 * Applies to Ink 6.8.x only (it replaces a method of a module Ink does not export, found next to Ink's
 * entry point); with any other version, or if that module is not where 6.8 has it, it changes nothing
 * and answers false. Idempotent. Answers true when the faster method is in place.
 */
export async function speedUpInkOutput(): Promise<boolean> {
  try {
    const entry = import.meta.resolve('ink');
    const { version } = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', entry)), 'utf8')) as { version?: string };
    if (!version?.startsWith('6.8.')) return false;
    const outputUrl = new URL('./output.js', entry);
    const { default: Output } = (await import(outputUrl.href)) as { default: OutputClass };
    if (Output.prototype[FAST]) return true;
    // Ink's own ANSI diff, from where Ink resolves it (rtc does not depend on it).
    const tokenizerPackage = createRequire(outputUrl).resolve('@alcalzone/ansi-tokenize/package.json');
    const tokenizer = (await import(pathToFileURL(join(dirname(tokenizerPackage), 'build/index.js')).href)) as AnsiTokenize;
    if (typeof tokenizer.diffAnsiCodes !== 'function' || typeof tokenizer.ansiCodesToString !== 'function') return false;
    const stockGet = Output.prototype.get;
    const caches = sharedCaches(new Output({ width: 0, height: 0 }).caches);
    Output.prototype.get = function get(this: OutputInstance) {
      this.caches = caches;
      return this.operations.some(clipsHorizontally) ? stockGet.call(this) : fastGet(this, tokenizer);
    };
    Output.prototype[FAST] = true;
    return true;
  } catch {
    return false;
  }
}

const FAST = Symbol.for('rtc.fastInkOutput');

/** Lines (and widths) kept across frames: a few frames of a full screen; past that the cache starts again. */
const LINE_CACHE_ENTRIES = 2_000;
const WIDTH_CACHE_ENTRIES = 20_000;

interface AnsiCode {
  code: string;
  endCode: string;
}
interface StyledChar {
  type: 'char';
  value: string;
  fullWidth: boolean;
  styles: AnsiCode[];
}
interface AnsiTokenize {
  diffAnsiCodes(from: AnsiCode[], to: AnsiCode[]): AnsiCode[];
  ansiCodesToString(codes: AnsiCode[]): string;
}
interface Caches {
  getStyledChars(line: string): StyledChar[];
  getStringWidth(text: string): number;
  getWidestLine(text: string): number;
}
/** Ink 6.8's cache of one frame: its Maps are read here to bound them. */
interface StockCaches extends Caches {
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  styledChars: Map<string, StyledChar[]>;
}
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: ((line: string, index: number) => string)[] }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };
interface OutputInstance {
  width: number;
  height: number;
  operations: Operation[];
  caches: Caches;
}
interface OutputClass {
  new (options: { width: number; height: number }): OutputInstance & { caches: StockCaches };
  prototype: { get(this: OutputInstance): { output: string; height: number }; [FAST]?: boolean };
}

const NO_STYLES: AnsiCode[] = [];
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES }) as StyledChar;

const clipsHorizontally = (operation: Operation): boolean =>
  operation.type === 'clip' && typeof operation.clip.x1 === 'number' && typeof operation.clip.x2 === 'number';

const sameCodes = (a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
};

/** The same characters, each run of equal styles sharing one array (the first of the run's). */
function shareStyles(chars: readonly StyledChar[]): StyledChar[] {
  let last = NO_STYLES;
  return chars.map((char) => {
    if (char.styles === last) return char;
    if (sameCodes(char.styles, last)) return { ...char, styles: last };
    last = char.styles;
    return char;
  });
}

/** Ink's tokenizer and string widths behind caches that outlive a frame (Ink's own, bounded). */
function sharedCaches(stock: StockCaches): Caches {
  const lines = new Map<string, StyledChar[]>();
  return {
    getStyledChars(line) {
      let chars = lines.get(line);
      if (chars === undefined) {
        chars = shareStyles(stock.getStyledChars(line));
        stock.styledChars.clear();
        if (lines.size >= LINE_CACHE_ENTRIES) lines.clear();
        lines.set(line, chars);
      }
      return chars;
    },
    getStringWidth(text) {
      if (stock.widths.size >= WIDTH_CACHE_ENTRIES) stock.widths.clear();
      return stock.getStringWidth(text);
    },
    getWidestLine(text) {
      if (stock.blockWidths.size >= WIDTH_CACHE_ENTRIES) stock.blockWidths.clear();
      return stock.getWidestLine(text);
    },
  };
}

/**
 * Ink 6.8.0's `Output.get()` (build/output.js) without horizontal clipping, which the caller leaves to
 * Ink: the same grid, writes and serialisation, with the blank cell shared and equal neighbours not diffed.
 */
function fastGet(output: OutputInstance, { diffAnsiCodes, ansiCodesToString }: AnsiTokenize): { output: string; height: number } {
  const grid: StyledChar[][] = [];
  for (let y = 0; y < output.height; y++) grid.push(new Array<StyledChar>(output.width).fill(BLANK));
  const clips: Clip[] = [];
  for (const operation of output.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { y } = operation;
    const { x } = operation;
    let lines = text.split('\n');
    const clip = clips.at(-1);
    if (clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
      if (y + lines.length < clip.y1 || y > clip.y2) continue;
      const from = y < clip.y1 ? clip.y1 - y : 0;
      const to = y + lines.length > clip.y2 ? clip.y2 - y : lines.length;
      lines = lines.slice(from, to);
      if (y < clip.y1) y = clip.y1;
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = grid[y + offsetY];
      // A line can fall below the grid when the text is taller than the frame.
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      let offsetX = x;
      for (const character of output.caches.getStyledChars(line)) {
        row[offsetX] = character;
        const width = Math.max(1, output.caches.getStringWidth(character.value));
        // A wide character: the cells it covers are cleared, as Ink does.
        for (let cell = 1; cell < width; cell++) row[offsetX + cell] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
        offsetX += width;
      }
      offsetY++;
    }
  }
  const rows = grid.map((row) => {
    const chars = row.filter((item) => item !== undefined);
    let line = '';
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i]!;
      if (i === 0) line += ansiCodesToString(char.styles);
      else if (chars[i - 1]!.styles !== char.styles) line += ansiCodesToString(diffAnsiCodes(chars[i - 1]!.styles, char.styles));
      line += char.value;
      if (i === chars.length - 1 && char.styles.length > 0) line += ansiCodesToString(diffAnsiCodes(char.styles, []));
    }
    return line.trimEnd();
  });
  return { output: rows.join('\n'), height: grid.length };
}
