/**
 * `JSON.stringify`, and then the characters it leaves raw that a terminal would act on: DEL, the C1
 * controls (U+0080-009F), the line and paragraph separators and the bidi overrides and isolates
 * (U+202A-202E, U+2066-2069) written as `\uXXXX`. Still valid JSON that parses to the same value;
 * C0 controls and ESC are escaped by `JSON.stringify` itself. For every `--json` output, which reaches
 * a terminal whenever stdout is one.
 */
export function jsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNESCAPED, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNESCAPED = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
