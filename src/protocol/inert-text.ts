/**
 * Text from an order (names, items, mods, note, reasons, restaurant names, server messages) made safe
 * to print on a terminal: nothing in it can move the cursor, change colours, set the title or reorder
 * what follows. Each C0/C1 control character becomes a visible stand-in (C0 as its Control Pictures
 * glyph, `\x1b` as `␛`), and everything else UNPRINTABLE_SOURCE names becomes `�`. Pure: imports
 * nothing, so the TUI and the CLI share it. Apply it BEFORE measuring display width, so the width is
 * that of what is printed.
 */
export function inertText(text: string): string {
  // Fast path: most text is plain, and the board calls this for every line of every frame.
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (char) => {
    const code = char.charCodeAt(0);
    // C0 controls have a printable picture at U+2400 + code (␀ … ␟): an operator can still tell them apart.
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : REPLACEMENT;
  });
}

const REPLACEMENT = '\uFFFD';

/**
 * Everything that is not printable text, as one pattern (no `u` flag, so that it sees UTF-16 halves):
 * - C0 and C1 controls, DEL (U+0000-001F, U+007F-009F): cursor moves, colours, titles, clipboard;
 * - bidirectional overrides and isolates (U+202A-202E, U+2066-2069) and marks (U+200E, U+200F,
 *   U+061C): they reorder what follows, digits included;
 * - line and paragraph separators (U+2028, U+2029): some terminals break the line;
 * - invisible format characters that make a name look blank or different from what it holds (U+00AD,
 *   U+180E, U+200B, U+2060-2064, U+206A-206F, U+FEFF, U+FFF9-FFFB) and blank fillers (U+115F, U+1160,
 *   U+3164, U+FFA0);
 * - noncharacters (U+FDD0-FDEF, U+FFFE, U+FFFF), and lone surrogates (half of a character: stored, they come back
 *   as U+FFFD and no longer match the event log).
 * Joiners U+200C/U+200D stay: emoji sequences and Persian, among others, need them. Sources: the
 * attacker trials of 2026-11-30 (contract section 1 asks for printable text).
 */
export const UNPRINTABLE_SOURCE =
  '[\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u115F\\u1160\\u180E\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFDD0-\\uFDEF\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\uFFFE\\uFFFF]' +
  '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

const UNSAFE = new RegExp(UNPRINTABLE_SOURCE);
const UNSAFE_ALL = new RegExp(UNPRINTABLE_SOURCE, 'g');
