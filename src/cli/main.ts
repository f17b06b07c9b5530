import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { GLOBAL_OPTIONS_WITH_VALUE, lazy, type Lazy } from './program/command-kit.js';
import { applyTerminalManners, reportError } from './program/output.js';

/** Adds one group's commands to the program; each command's code still loads only when it runs. */
export type RegisterGroup = (program: Command, lazy: Lazy) => unknown;

/**
 * One command group: the top-level words it answers to and the loader of its register file.
 * Loading a register file costs a module and its helpers, so `rtc order advance` loads the order
 * group's alone (issue 10: its start-up must not grow with the number of groups).
 */
export interface CommandGroup {
  readonly commands: readonly string[];
  readonly load: () => Promise<RegisterGroup>;
}

/** Every group, in the order `rtc --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['serve'], load: async () => (await import('./commands/serve/register.js')).registerServeCommand },
  {
    commands: ['login', 'logout', 'whoami', 'passwd'],
    load: async () => (await import('./commands/session/register.js')).registerSessionCommands,
  },
  { commands: ['order'], load: async () => (await import('./commands/order/register.js')).registerOrderCommands },
  { commands: ['restaurant'], load: async () => (await import('./commands/restaurant/register.js')).registerRestaurantCommands },
  { commands: ['user'], load: async () => (await import('./commands/user/register.js')).registerUserCommands },
  { commands: ['key'], load: async () => (await import('./commands/key/register.js')).registerKeyCommands },
  { commands: ['watch'], load: async () => (await import('./commands/watch/register.js')).registerWatchCommand },
  { commands: ['demo'], load: async () => (await import('./commands/demo/register.js')).registerDemoCommand },
  { commands: ['chaos'], load: async () => (await import('./commands/chaos/register.js')).registerChaosCommands },
  { commands: ['bench'], load: async () => (await import('./commands/bench/register.js')).registerBenchCommands },
  { commands: ['admin'], load: async () => (await import('./commands/admin/register.js')).registerAdminCommands },
];


/**
 * The groups a command line needs: the one its first command word names, or every group when it
 * names none (`rtc`, `rtc --help`, `rtc help order`, a misspelt command: help and "did you mean"
 * need them all). `args` is argv without node and the script.
 */
export function groupsFor(args: readonly string[]): readonly CommandGroup[] {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(word)) {
      i++;
      continue;
    }
    if (word.startsWith('-')) continue;
    const group = COMMAND_GROUPS.find((candidate) => candidate.commands.includes(word));
    return group ? [group] : COMMAND_GROUPS;
  }
  return COMMAND_GROUPS;
}

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

/**
 * The `rtc` program: global flags, help and exit-code text, and the command groups `args` needs
 * (argv without node and the script; every group when omitted). Each command loads its code only
 * when it runs.
 */
export async function buildProgram(args?: readonly string[]): Promise<Command> {
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
forbidden, 5 not found, 6 server unreachable, 7 rate limited, 8 the store cannot take the write now.

Try it:  rtc serve --demo   then, in another terminal:  rtc login --username chef && rtc watch`,
    );

  const groups = groupsFor(args ?? []);
  for (const register of await Promise.all(groups.map((group) => group.load()))) register(program, lazy);

  return program;
}

/**
 * Parses argv and runs the command. Usage errors (unknown option or command, missing argument) are
 * the contract's one-line error, or the error object on stderr when --json is anywhere in argv,
 * exit 2; help and version exit 0.
 */
export async function run(argv: string[]): Promise<void> {
  applyTerminalManners();
  let args = argv.slice(2);
  const program = await buildProgram(args);
  if (args.includes('help')) {
    // `rtc help wach`: said as `rtc wach` is (unknown command, did you mean watch?), not the root help.
    const { unknownHelpTopic } = await import('./program/usage-error.js');
    args = unknownHelpTopic(program, args) ?? args;
  }
  try {
    await program.parseAsync([...argv.slice(0, 2), ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) {
      process.exitCode = 0;
    } else if (error.code === 'commander.help') {
      // A bare `rtc` or `rtc order`: commander has printed the help on stderr.
      process.exitCode = 2;
    } else {
      // Loaded only here: a command line that parses never needs it.
      const { commandOf, usageError, wantsJson } = await import('./program/usage-error.js');
      process.exitCode = reportError(usageError(error, commandOf(program, args)), { json: wantsJson(args) });
    }
  }
}
