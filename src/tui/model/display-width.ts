import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Terminal cells a string takes (grapheme clusters, East Asian width, emoji), as Ink measures it. */
export const cellWidth = (text: string): number => stringWidth(text);

/**
 * The longest start of `text` that fits in `width` cells, ending in `…` when something was cut. Cuts
 * between grapheme clusters only, so a wide character or an emoji is never split into half a cell or
 * a lone surrogate; a wide character that would straddle the edge is left out whole.
 * Expects plain text (no ANSI sequences): pass order text through inertText first.
 */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let used = 0;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** `text` cut to `width` cells, then padded with spaces to exactly `width` cells: a fixed column. */
export function fitToWidth(text: string, width: number): string {
  const cut = cutToWidth(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Splits `text` into lines of at most `width` cells, at grapheme boundaries (a word is not kept whole). */
export function wrapToWidth(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
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
    if (stringWidth(candidate) <= width) {
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
