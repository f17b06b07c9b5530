import { EXIT_CODE, toRtcError } from '../../protocol/errors.js';

export interface OutputFlags {
  json?: boolean | undefined;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function printLine(text = ''): void {
  process.stdout.write(text + '\n');
}

/**
 * One line on stderr, `rtc: what happened: what to do [CODE]` (the hint is the "what to do"), or the
 * error object with --json; answers the contract's exit code.
 */
export function reportError(error: unknown, flags: OutputFlags): number {
  const rtcError = toRtcError(error);
  if (flags.json) process.stderr.write(JSON.stringify({ error: rtcError.toBody() }) + '\n');
  else process.stderr.write(`rtc: ${rtcError.sentence}${rtcError.code === 'INTERNAL' ? '' : ` [${rtcError.code}]`}\n`);
  return EXIT_CODE[rtcError.code];
}
