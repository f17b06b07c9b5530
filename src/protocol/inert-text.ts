/**
 * Text from an order (names, items, mods, note, reasons, restaurant names, server messages) made safe
 * to print on a terminal: nothing in it can move the cursor, change colours, set the title or reorder
 * what follows. Each C0/C1 control character becomes a visible stand-in (C0 as its Control Pictures
 * glyph, `\x1b` as `␛`; DEL and C1 as `�`), and each bidirectional override or isolate (U+202A-202E,
 * U+2066-2069) becomes `�`. Pure: imports nothing, so the TUI and the CLI share it. Apply it BEFORE
 * measuring display width, so the width is that of what is printed.
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
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
