/**
 * Characters that are not printable text beyond controls and bidi overrides, found by the attacker
 * trials of 2026-11-30: bidi marks, line and paragraph separators, invisible format characters, blank
 * fillers, noncharacters. Written out here, apart from src/, so that tests check the product against
 * this list rather than against its own pattern.
 */
export const INVISIBLE_CHARS = [
  '\u00AD', '\u180E', '\uFDD0', '\uFDEF', '\u061C', '\u115F', '\u1160', '\u200B', '\u200E', '\u200F', '\u2028', '\u2029', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064',
  '\u206A', '\u206B', '\u206C', '\u206D', '\u206E', '\u206F', '\u3164', '\uFEFF', '\uFFA0', '\uFFF9', '\uFFFA', '\uFFFB', '\uFFFE', '\uFFFF',
];

/** Halves of a character with no other half: stored, they come back as U+FFFD. */
export const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];

/** Any of INVISIBLE_CHARS, or a surrogate without its other half. */
export const INVISIBLE =
  /[\u00AD\u180E\uFDD0-\uFDEF\u061C\u115F\u1160\u200B\u200E\u200F\u2028\u2029\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
