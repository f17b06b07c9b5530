import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * One cell per UTF-16 unit: printable ASCII, plus the narrow, non-combining marks the board itself
 * prints (`×` `·` `—` `…`, arrows, bullets, box drawing; not ◽ ◾, which are emoji). A string made
 * only of these is as wide as it is long and is cut anywhere, with no grapheme segmentation: most of
 * what a frame measures is such a string. Checked against string-width for every code point below U+2600.
 */
const ONE_CELL_EACH = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC]*$/;

/** Widths already measured: a board measures the same ids, names and items every frame. */
const widths = new Map<string, number>();
/** Enough for every string of a few hundred tickets; past it the cache starts again rather than grow. */
const WIDTH_CACHE_ENTRIES = 20_000;

/** Terminal cells a string takes (grapheme clusters, East Asian width, emoji), as Ink measures it. */
export function cellWidth(text: string): number {
  if (ONE_CELL_EACH.test(text)) return text.length;
  let width = widths.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    if (widths.size >= WIDTH_CACHE_ENTRIES) widths.clear();
    widths.set(text, width);
  }
  return width;
}

/**
 * The longest start of `text` that fits in `width` cells, ending in `…` when something was cut. Cuts
 * between grapheme clusters only, so a wide character or an emoji is never split into half a cell or
 * a lone surrogate; a wide character that would straddle the edge is left out whole.
 * Expects plain text (no ANSI sequences): pass order text through inertText first.
 */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  return `${startWithin(text, width - 1)}…`;
}

/** The longest start of `text` that fits in `width` cells, cut between grapheme clusters. */
function startWithin(text: string, width: number): string {
  if (ONE_CELL_EACH.test(text)) return text.slice(0, Math.max(0, width));
  let used = 0;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const w = cellWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}

/** `text` cut to `width` cells, then padded with spaces to exactly `width` cells: a fixed column. */
export function fitToWidth(text: string, width: number): string {
  const cut = cutToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - cellWidth(cut)));
}

/** Splits `text` into lines of at most `width` cells, at grapheme boundaries (a word is not kept whole). */
export function wrapToWidth(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const lines: string[] = [];
  if (ONE_CELL_EACH.test(text)) {
    for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
    return lines.length > 0 ? lines : [''];
  }
  let line = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = cellWidth(segment);
    if (used + w > width && line !== '') {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += segment;
    used += w;
  }
  lines.push(line);
  return lines;
}

/** Splits `text` into lines of at most `width` cells at spaces; a word longer than a line is split where it must. */
export function wrapWords(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (cellWidth(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = wrapToWidth(word, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}

/**
 * A line made of pieces in different styles, cut as `cutToWidth` cuts one string: when the pieces take
 * more than `width` cells, what fits in `width - 1` is kept and `…` ends it, in the style of the last
 * piece anything was kept from. Answers each piece's text ('' for a piece left out). A line cut here is
 * never wider than `width`, so Ink has nothing left to truncate or clip in it.
 */
export function cutPiecesToWidth(pieces: readonly string[], width: number): readonly string[] {
  const cells = pieces.map(cellWidth);
  if (cells.reduce((sum, n) => sum + n, 0) <= width) return pieces;
  const out = pieces.map(() => '');
  if (width <= 0) return out;
  let room = width - 1;
  let last = 0;
  for (let i = 0; i < pieces.length; i++) {
    const whole = cells[i]! <= room;
    out[i] = whole ? pieces[i]! : startWithin(pieces[i]!, room);
    room -= whole ? cells[i]! : cellWidth(out[i]!);
    if (out[i] !== '') last = i;
    if (!whole) break;
  }
  out[last] += '…';
  return out;
}
