import type { Command, CommanderError } from 'commander';
import { RtcError } from '../../protocol/errors.js';
import { GLOBAL_OPTIONS_WITH_VALUE } from './command-kit.js';

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
  let what = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .replace(/\s*\n+/g, ' ')
    .replace(/\.$/, '');
  const unknown = error.code === 'commander.unknownCommand' && !what.includes('(did you mean') ? /'([^']+)'/.exec(what)?.[1] : undefined;
  const groupCommands = unknown ? subcommandsNamed(command, unknown) : [];
  if (groupCommands.length > 0) what += ` (did you mean ${orList(groupCommands.map(commandPath))}?)`;
  return RtcError.badRequest(what, { hint: `run ${commandPath(command)} --help` });
}

/** The commands one level below `command`'s subcommands that are called `name`: `rtc advance` → `rtc order advance`. */
function subcommandsNamed(command: Command, name: string): Command[] {
  return command.commands.flatMap((group) => group.commands.filter((sub) => sub.name() === name || sub.aliases().includes(name)));
}

/** "a", "a or b", "a, b or c". */
function orList(words: string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}


/**
 * For `rtc help WORDS` where a word names no command (`rtc help wach`, `rtc help order lst`): the
 * same argv without `help`, so that parsing it gives the unknown-command error and its suggestion,
 * as `rtc wach` does, instead of the root help and exit 2 with no word of what was wrong. For words
 * that name a subcommand (`rtc help order show`), `rtc order show --help`: commander's help command
 * would show the group's help. Undefined when the command line is not a help request, or names one
 * command or group (commander shows that help as usual).
 */
export function unknownHelpTopic(program: Command, args: readonly string[]): string[] | undefined {
  let helpAt = -1;
  let current = program;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') return undefined;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    if (helpAt === -1) {
      if (word !== 'help') return undefined;
      helpAt = i;
      continue;
    }
    if (current.commands.length === 0) break;
    const next = current.commands.find((command) => command.name() === word || command.aliases().includes(word));
    if (!next) return [...args.slice(0, helpAt), ...args.slice(helpAt + 1)];
    current = next;
  }
  const depth = commandPath(current).split(' ').length - 1;
  return depth > 1 ? [...args.slice(0, helpAt), ...args.slice(helpAt + 1), '--help'] : undefined;
}

/** Whether --json is among the words (before `--`), wherever it stands, even after the bad part. */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}
