import { EXIT_CODE, RtcError } from '../../protocol/errors.js';

export interface OutputFlags {
  json?: boolean | undefined;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

export function printLine(text = ''): void {
  process.stdout.write(text + '\n');
}

/** One line on stderr (the error object with --json), and the contract's exit code. */
export function reportError(error: unknown, flags: OutputFlags): number {
  const rtcError =
    error instanceof RtcError ? error : new RtcError('INTERNAL', error instanceof Error ? error.message : String(error));
  if (flags.json) process.stderr.write(JSON.stringify({ error: rtcError.toBody() }) + '\n');
  else process.stderr.write(`rtc: ${rtcError.message}${rtcError.code === 'INTERNAL' ? '' : ` [${rtcError.code}]`}\n`);
  return EXIT_CODE[rtcError.code];
}
