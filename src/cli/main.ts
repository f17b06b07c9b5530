import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { registerBenchCommands } from './bench-commands.js';
import { registerChaosCommands } from './chaos-commands.js';
import { reportError } from './output.js';

export interface GlobalFlags {
  profile?: string;
  json?: boolean;
  server?: string;
  token?: string;
  ca?: string;
}

export type Action = (...args: any[]) => Promise<number | void>;
export type Lazy = typeof lazy;

/** Commands load their module only when run, so `rtc order advance` never loads the server or the UI. */
function lazy(load: () => Promise<{ run: Action }>) {
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

function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('rtc')
    .description('Real-time order board for restaurants: server, kitchen display and operator tools')
    .version(version(), '-V, --version')
    .option('--profile <name>', 'saved login to use (default: "default", or RTC_PROFILE)')
    .option('--json', 'print JSON on stdout (errors as JSON on stderr)')
    .option('--server <url>', 'server URL (overrides RTC_SERVER and the profile)')
    .option('--token <token>', 'access token (overrides RTC_TOKEN and the profile)')
    .option('--ca <file>', 'PEM file of a private CA to trust for https servers')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Context: flags, then RTC_SERVER / RTC_TOKEN, then the profile saved by "rtc login".
Exit codes: 0 ok, 1 internal, 2 bad request, 3 invalid transition or conflict, 4 not logged in or
forbidden, 5 not found, 6 server unreachable, 7 rate limited.

Try it:  rtc serve --demo   then, in another terminal:  rtc login --username chef && rtc watch`,
    );

  program
    .command('serve')
    .description('start the server (Socket.IO + HTTP API) on an embedded SQLite file, or as one of several nodes')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '4000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'SQLite file, or :memory: (default: rtc.db in your data directory)')
    .option('--store <url>', 'postgres://... store shared by several nodes, instead of --db (needs RTC_JWT_SECRET)')
    .option('--redis <url>', 'redis://HOST:PORT: fan room events out to every node through Redis')
    .option('--tls-cert <file>', 'PEM certificate: serve https and wss (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--demo', 'seed the demo restaurants and users (password = username)')
    .option('--simulate [perMinute]', 'with --demo: keep creating and advancing orders (default 12 a minute)')
    .option('--token-ttl <duration>', 'lifetime of issued tokens, e.g. 12h, 30m', '12h')
    .option('--rate-limit <burst:perSecond>', 'per-socket token bucket', '30:10')
    .option('--user-rate-limit <burst:perSecond>', 'per user over all sockets and HTTP calls (per address without a token)', '60:20')
    .option('--cors-origin <origins>', 'comma-separated origins allowed besides the same origin, or * (default: same origin only)')
    .option('--max-pending <count>', 'open connections without a valid token; past it new ones are closed', '1000')
    .option('--batch-ms <ms>', 'window for batching a busy room (0: off)', '10')
    .option('--high-water <bytes>', 'send buffer at which a slow socket is held back', String(1024 * 1024))
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .action(lazy(() => import('./serve.js')));

  program
    .command('login')
    .description('log in and save the server and token in the profile')
    .option('-u, --username <name>', 'user name (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .action(lazy(() => import('./login.js')));

  program.command('logout').description('forget the saved token of the profile').action(lazy(() => import('./logout.js')));
  program.command('whoami').description('show who the current token belongs to, and where').action(lazy(() => import('./whoami.js')));

  const order = program.command('order').description('create, list, show, advance and cancel orders');
  order
    .command('create')
    .description('create an order; prints it, id first')
    .requiredOption('-r, --restaurant <id>', 'restaurant id')
    .requiredOption('-i, --items <items>', 'items, e.g. "2x Burger, 1x Fries"')
    .requiredOption('-a, --amount <amount>', 'total in currency units, e.g. 23.5')
    .option('-c, --customer <name>', 'customer name (walk-ins)')
    .action(lazy(() => import('./order-create.js')));
  order
    .command('list')
    .description('list orders you can see')
    .option('-r, --restaurant <id>', 'only this restaurant')
    .option('-s, --status <status>', 'only this status (e.g. pending, out-for-delivery)')
    .action(lazy(() => import('./order-list.js')));
  order.command('show <id>').description('an order and its history').action(lazy(() => import('./order-show.js')));
  order
    .command('advance <id>')
    .description('move an order to its next status (or --to)')
    .option('-t, --to <status>', 'target status')
    .option('-e, --expect <status>', 'only if the order is in this status now (else exit 3)')
    .action(lazy(() => import('./order-advance.js')));
  order
    .command('cancel <id>')
    .description('cancel an order')
    .option('--reason <text>', 'why (shown in the history)')
    .option('-e, --expect <status>', 'only if the order is in this status now (else exit 3)')
    .action(lazy(() => import('./order-cancel.js')));

  program
    .command('watch')
    .description('live terminal board: a restaurant (staff), an order (customers), or system stats (--admin); NDJSON with --json or when piped')
    .option('-r, --restaurant <id>', 'restaurant to watch (staff and admins: their own by default)')
    .option('-o, --order <id>', "one order's timeline")
    .option('--admin', 'live system stats (superadmin)')
    .option('--warn <minutes>', 'ticket age that turns yellow', '5')
    .option('--late <minutes>', 'ticket age that turns red', '8')
    .option('--no-bell', 'do not ring the terminal bell for new tickets')
    .action(lazy(() => import('./watch.js')));

  program
    .command('demo')
    .description('one command to see rtc live: an embedded demo server, the simulator and the kitchen board')
    .action(lazy(() => import('./demo.js')));

  registerChaosCommands(program, lazy);
  registerBenchCommands(program, lazy);

  return program;
}

export async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every other usage error is a bad request (exit 2).
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    throw error;
  }
}
