/**
 * A word as a POSIX shell reads it back unchanged: as is when it has only characters no shell treats
 * specially, else in single quotes (a ' inside written '\''). For command lines rtc prints for the
 * user to paste, e.g. a --db path with spaces.
 */
export function shellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
