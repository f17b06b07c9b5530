import chalk from 'chalk';
import { EXIT_CODE, toRtcError, type ErrorBody } from '../../protocol/errors.js';
import { redactedText } from '../../protocol/redacted-url.js';
import { shortenedRuns } from '../../protocol/short-text.js';
import { UNPRINTABLE_SOURCE, inertText } from '../../protocol/inert-text.js';

// The CLI's output in one module: the text gates every printed byte passes (JSON and terminal), and
// the terminal manners set at start. One module rather than four: `rtc order advance` loads each
// module of its path at start-up, and that start-up must stay as fast as a POS script needs.

export interface OutputFlags {
  json?: boolean | undefined;
}

/** One JSON value a line on stdout; characters a terminal would act on are `\uXXXX` escaped (`jsonText`). */
export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value) + '\n');
}

/**
 * Text on stdout, and a newline. Everything goes through `terminalText`: only the CLI's own colours
 * (when stdout takes colour) and newlines get out as control bytes; anything else is shown inertly.
 */
export function printLine(text = ''): void {
  process.stdout.write(terminalText(text, chalk.level > 0) + '\n');
}

/**
 * One line on stderr, `rtc: what happened: what to do [CODE]` (the hint is the "what to do"), or the
 * error object with --json; answers the contract's exit code. The message may come from the server,
 * so it is untrusted text: printed inert (or JSON-escaped), never raw.
 */
export function reportError(error: unknown, flags: OutputFlags): number {
  const rtcError = toRtcError(error);
  const body = shownBody(rtcError.toBody());
  if (flags.json) process.stderr.write(jsonText({ error: body }) + '\n');
  else {
    const sentence = body.hint ? `${body.message}: ${body.hint}` : body.message;
    process.stderr.write(`rtc: ${inertText(sentence)}${rtcError.code === 'INTERNAL' ? '' : ` [${rtcError.code}]`}\n`);
  }
  return EXIT_CODE[rtcError.code];
}

/**
 * The error as it may be shown: no URL's password in it (a server URL may carry one), and no echoed
 * value longer than ECHO_MAX (a 120 KB argument echoed whole would be 120 KB on stderr).
 */
function shownBody(body: ErrorBody): ErrorBody {
  const shown: ErrorBody = { ...body, message: shortenedRuns(redactedText(body.message)) };
  if (body.hint !== undefined) shown.hint = shortenedRuns(redactedText(body.hint));
  return shown;
}

/**
 * `JSON.stringify`, and then the characters it leaves raw that a terminal would act on or that do not
 * print (UNPRINTABLE_SOURCE: DEL, C1 controls, bidi controls and marks, line separators, invisible
 * format characters) written as `\uXXXX`. Still valid JSON that parses to the same value; C0
 * controls, ESC and lone surrogates are escaped by `JSON.stringify` itself. For every `--json` output,
 * which reaches a terminal whenever stdout is one.
 */
export function jsonText(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNESCAPED, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNESCAPED = new RegExp(UNPRINTABLE_SOURCE, 'g');

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

/**
 * What a well-behaved command does with its terminal, set once at start:
 * - a closed stdout (`rtc order list | head -1`) ends the command quietly with exit 0, as a
 *   reader that has seen enough is not a failure;
 * - NO_COLOR (any non-empty value, no-color.org) turns colour off for tables and the board: chalk 5
 *   honours only FORCE_COLOR and TERM, and Ink colours through the same chalk.
 */
export function applyTerminalManners(env: NodeJS.ProcessEnv = process.env): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // EPIPE: the reader went away (`| head`); EIO: the terminal did (a closed tmux pane or SSH session).
    if (error.code === 'EPIPE' || error.code === 'EIO') process.exit(0);
    throw error;
  });
  if (env.NO_COLOR) chalk.level = 0;
}
