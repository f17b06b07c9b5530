import chalk from 'chalk';
import { EXIT_CODE, toRtcError } from '../../protocol/errors.js';
import { inertText } from '../../protocol/inert-text.js';
import { jsonText } from './json-text.js';
import { terminalText } from './terminal-text.js';

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
  if (flags.json) process.stderr.write(jsonText({ error: rtcError.toBody() }) + '\n');
  else process.stderr.write(`rtc: ${inertText(rtcError.sentence)}${rtcError.code === 'INTERNAL' ? '' : ` [${rtcError.code}]`}\n`);
  return EXIT_CODE[rtcError.code];
}
