import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerAdminCommands } from './commands/admin/register.js';
import { registerBenchCommands } from './commands/bench/register.js';
import { registerChaosCommands } from './commands/chaos/register.js';
import { registerDemoCommand } from './commands/demo/register.js';
import { registerOrderCommands } from './commands/order/register.js';
import { registerServeCommand } from './commands/serve/register.js';
import { registerSessionCommands } from './commands/session/register.js';
import { registerWatchCommand } from './commands/watch/register.js';
import { lazy } from './program/lazy.js';
import { reportError } from './program/output.js';
import { applyTerminalManners } from './program/terminal-manners.js';
import { commandOf, usageError, wantsJson } from './program/usage-error.js';

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/** The `rtc` program: global flags, help and exit-code text, and every command group (each loads its code on demand). */
export function buildProgram(): Command {
  const program = new Command('rtc')
    .description('Real-time order board for restaurants: server, kitchen display and operator tools')
    .version(version(), '-V, --version')
    .option('--profile <name>', 'saved login to use (default: "default", or RTC_PROFILE)')
    .option('--json', 'print JSON on stdout (errors as JSON on stderr)')
    .option('--server <url>', 'server URL (overrides RTC_SERVER and the profile)')
    .option('--token <token>', 'access token (overrides RTC_TOKEN and the profile)')
    .option('--ca <file>', 'PEM file of a private CA to trust for https servers')
    .exitOverride()
    // Usage errors are reported by run() as the contract's one line; commander's own two lines would
    // ignore --json.
    .configureOutput({ outputError: () => {} })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Context: flags, then RTC_SERVER / RTC_TOKEN, then the profile saved by "rtc login".
Exit codes: 0 ok, 1 internal, 2 bad request, 3 invalid transition or conflict, 4 not logged in or
forbidden, 5 not found, 6 server unreachable, 7 rate limited.

Try it:  rtc serve --demo   then, in another terminal:  rtc login --username chef && rtc watch`,
    );

  registerServeCommand(program, lazy);
  registerSessionCommands(program, lazy);
  registerOrderCommands(program, lazy);
  registerWatchCommand(program, lazy);
  registerDemoCommand(program, lazy);
  registerChaosCommands(program, lazy);
  registerBenchCommands(program, lazy);
  registerAdminCommands(program, lazy);

  return program;
}

/**
 * Parses argv and runs the command. Usage errors (unknown option or command, missing argument) are
 * the contract's one-line error, or the error object on stderr when --json is anywhere in argv,
 * exit 2; help and version exit 0.
 */
export async function run(argv: string[]): Promise<void> {
  applyTerminalManners();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) {
      process.exitCode = 0;
    } else if (error.code === 'commander.help') {
      // A bare `rtc` or `rtc order`: commander has printed the help on stderr.
      process.exitCode = 2;
    } else {
      const args = argv.slice(2);
      process.exitCode = reportError(usageError(error, commandOf(program, args)), { json: wantsJson(args) });
    }
  }
}
