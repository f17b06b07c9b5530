/** The longest run of text without a space that an error message echoes whole (a path, an id, a value). */
export const ECHO_MAX = 80;

/**
 * `text` with every run of non-space characters longer than `max` (80) shortened to `max` characters,
 * its start and its end kept around an ellipsis ("AAAA…AAAA"): what a user typed is echoed back in
 * errors, and a 120 KB argument must not become 120 KB on stderr. The end is kept because that is
 * where a path's file name is.
 */
export function shortenedRuns(text: string, max = ECHO_MAX): string {
  return text.replace(new RegExp(`\\S{${max + 1},}`, 'g'), (run) => {
    const tail = Math.floor((max - 1) / 3);
    return `${run.slice(0, max - 1 - tail)}…${run.slice(run.length - tail)}`;
  });
}
