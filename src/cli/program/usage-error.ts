import type { Command, CommanderError } from 'commander';
import { RtcError } from '../../protocol/errors.js';

/**
 * The command a usage error belongs to, from the words of argv: each word that names a subcommand
 * of the command reached so far goes one level down (option values and arguments are skipped).
 */
export function commandOf(program: Command, args: readonly string[]): Command {
  let current = program;
  for (const word of args) {
    if (word === '--') break;
    if (word.startsWith('-')) continue;
    const next = current.commands.find((command) => command.name() === word || command.aliases().includes(word));
    if (next) current = next;
  }
  return current;
}

/** The full name of a command, as typed: `rtc order list`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Commander's usage error (unknown option or command, missing argument) as the contract's error:
 * BAD_REQUEST with the help to read as its hint, as server errors carry theirs: one line in text,
 * `unknown option '--bogus': run rtc order list --help`, and `{code, message, hint}` with --json.
 */
export function usageError(error: CommanderError, command: Command): RtcError {
  const what = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n+/g, ' ')
    .replace(/\.$/, '');
  return RtcError.badRequest(what, { hint: `run ${commandPath(command)} --help` });
}

/** Whether --json is among the words (before `--`), wherever it stands, even after the bad part. */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}
