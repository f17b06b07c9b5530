/**
 * ASCII stand-ins for the one-cell characters the board prints (`×` `·` `…` `—` `▸`, arrows, box
 * drawing, accented letters), so that Ink measures a line on its fast path. Ink measures every Text at
 * every frame with string-width, which counts printable ASCII by its length but runs anything else
 * through a grapheme segmenter and emoji patterns: about 20-50 µs a line, and the wide board has a
 * `2× Burger` line on every ticket. The stand-in line has the same width in cells, one character for
 * one character, so the layout is the same; `restoreLine`, as an Ink `<Transform>`, puts the real
 * characters back before the line is drawn, so the frame is too.
 */

/**
 * Characters that take one cell each and one UTF-16 unit each (the set display-width.ts checked
 * against string-width), here without printable ASCII: a line made only of ASCII and these can stand in.
 */
const ONE_CELL_NON_ASCII = /[\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC]/g;
const ONE_CELL_EACH = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC]*$/;
const ALL_ASCII = /^[\u0020-\u007E]*$/;

/** Look-alikes, so that a stand-in that ever showed would still read right; anything else stands in as `?`. */
const LOOK_ALIKE: Record<string, string> = { '×': 'x', '·': '.', '…': '.', '—': '-', '–': '-', '▸': '>', '↑': '^', '↓': 'v', '←': '<', '→': '>', '┃': '|', '●': '*' };

/**
 * `text` with each one-cell non-ASCII character replaced by one ASCII character; undefined when there
 * is nothing to replace (all ASCII) or when the text holds a character of another kind (wide, emoji,
 * combining, astral), which Ink must measure as it is.
 */
export function asciiStandIn(text: string): string | undefined {
  if (ALL_ASCII.test(text) || !ONE_CELL_EACH.test(text)) return undefined;
  return text.replace(ONE_CELL_NON_ASCII, (char) => LOOK_ALIKE[char] ?? '?');
}

/**
 * `line` as Ink drew it from `standIn` (the stand-in text, with the SGR sequences of the Texts inside
 * it), with the characters of `original` back in place. When the line is not that stand-in (nothing
 * in rtc makes that happen: the lines are cut to their width, so Ink neither wraps nor re-slices them),
 * it is answered as it is.
 */
export function restoreLine(line: string, standIn: string, original: string): string {
  let out = '';
  let visible = 0;
  for (let at = 0; at < line.length; ) {
    if (line.charCodeAt(at) === 0x1b) {
      // An SGR sequence (ESC [ params m): copied as it is.
      const end = line.indexOf('m', at);
      if (end < 0) return line;
      out += line.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    if (line[at] !== standIn[visible]) return line;
    out += original[visible];
    visible++;
    at++;
  }
  return visible === standIn.length ? out : line;
}
