// What a group's register file uses: `lazy` for each action and `example` for each help text. One
// module, already loaded by main.ts, so a register file adds no module of its own to start-up.
import type { Command } from 'commander';
import type { GlobalFlags } from './global-flags.js';
import { reportError } from './output.js';

/**
 * What a command module exports as `run`: the positional arguments, then the flags merged with the
 * global ones; resolves to the exit code (undefined: 0). Errors it throws are reported by `lazy`.
 */
export type Action = (...args: any[]) => Promise<number | void>;

/**
 * Wraps a command's loader into a commander action: the module is imported only when the command
 * runs, so `rtc order advance` never loads the server or the UI. Sets `process.exitCode` from the
 * result, or from the error (one line on stderr, the contract's exit code).
 */
export function lazy(load: () => Promise<{ run: Action }>) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const flags = command.optsWithGlobals<GlobalFlags>();
    try {
      const { run } = await load();
      const code = await run(...args.slice(0, -2), flags);
      if (typeof code === 'number') process.exitCode = code;
    } catch (error) {
      process.exitCode = reportError(error, flags);
    }
  };
}

/** The type of `lazy`, passed to each group's register function. */
export type Lazy = typeof lazy;

/**
 * The example block a command's `--help` ends with (commander's addHelpText 'after'):
 * `.addHelpText('after', example('rtc order list -r r1'))`. Every command has one, groups too; the help
 * test walks the command tree to hold that.
 */
export function example(...commands: string[]): string {
  return `\n${commands.length > 1 ? 'Examples' : 'Example'}:\n${commands.map((command) => `  $ ${command}`).join('\n')}`;
}

/** Global options that take a value: the word after them is that value, not a command. */
export const GLOBAL_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set(['--profile', '--server', '--token', '--ca']);
