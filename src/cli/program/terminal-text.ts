import { inertText } from '../../protocol/inert-text.js';

/**
 * The SGR sequences the CLI's own styles emit (chalk: bold/dim 1, 2, 22; foreground 31-36 and 90;
 * resets 0 and 39). Nothing that blinks, hides, inverts or paints a background: even if such a
 * sequence came in with order text it could only tint a word.
 */
const OWN_STYLE = /\u001b\[(?:0|1|2|22|3[1-6]|39|90)m/g;

/**
 * A line (or lines) of the CLI's terminal output made inert: every control character but the newline,
 * every escape sequence and every bidi override or isolate becomes a visible stand-in (see
 * `inertText`). With `colour`, the CLI's own SGR styles (`OWN_STYLE`) are kept; without it (a pipe,
 * NO_COLOR) not one ESC byte gets out. Server text reaches here already inert (`inertAnswer`); this
 * is the last gate that everything printed passes through.
 */
export function terminalText(text: string, colour: boolean): string {
  const lines = text.split('\n');
  return lines.map((line) => (colour ? keepOwnStyles(line) : inertText(line))).join('\n');
}

function keepOwnStyles(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(OWN_STYLE)) {
    out += inertText(line.slice(last, match.index)) + match[0];
    last = match.index! + match[0].length;
  }
  return out + inertText(line.slice(last));
}
