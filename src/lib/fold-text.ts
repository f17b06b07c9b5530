/** Latin letters followed by combining marks (accents, cedillas, umlauts) once decomposed. */
const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * Text folded for matching, not for showing: lower case, and Latin letters without their accents
 * (`Zoë` → `zoe`, `alérgico` → `alergico`, `Zöliakie` → `zoliakie`, `İ` → `i`). Only marks on a Latin
 * letter are dropped: the voicing marks of Japanese kana (ギ) and the parts of a Korean syllable stay
 * as they are, so CJK text matches as written. Answers NFC text; never throws.
 */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(LATIN_WITH_MARKS, '$1').normalize('NFC').toLowerCase();
}
