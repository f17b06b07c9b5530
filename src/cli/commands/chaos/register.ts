import type { Command } from 'commander';
import type { FaultType } from '../../../protocol/chaos.js';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc chaos ...`: declared here (flags only), run by modules loaded on demand. */
export function registerChaosCommands(program: Command, lazy: Lazy): void {
  const chaos = program
    .command('chaos')
    .description('fault injection into a live server (superadmin), and a drill that proves clients converge')
    .addHelpText(
      'after',
      `
Faults act on what the server sends to the matching sockets (all, --restaurant R: the sockets
watching R, --user U: that user's sockets). They end after --for (default 60s, at most 1h), at a
heal, or at a restart. Exit codes as for every command; "chaos drill" exits 1 when a watcher diverged.
${example('rtc chaos loss --rate 30% --restaurant r1 --for 30s', 'rtc chaos status', 'rtc chaos heal', 'rtc chaos drill -w 20 -n 100 --seed 7')}`,
    );

  const inject = (type: FaultType) => lazy(() => import('./inject.js').then((module) => ({ run: module.injector(type) })));
  const scoped = (command: Command): Command =>
    command
      .option('-r, --restaurant <id>', 'only the sockets watching this restaurant')
      .option('-u, --user <id>', "only this user's sockets")
      .option('--for <duration>', 'how long before it heals itself, e.g. 30s (default 60s)')
      .option('--seed <n>', 'seed of its random choices, to repeat a run');

  scoped(chaos.command('loss').description('drop a fraction of outgoing business events').requiredOption('--rate <fraction>', 'e.g. 0.3 or 30%'))
    .addHelpText('after', example('rtc chaos loss --rate 30% --restaurant r1 --for 30s'))
    .action(inject('loss'));
  scoped(chaos.command('partition').description('cut sockets off both ways, silently, until it heals'))
    .addHelpText('after', example('rtc chaos partition --restaurant r1 --for 10s'))
    .action(inject('partition'));
  scoped(
    chaos
      .command('latency')
      .description('delay everything sent to the sockets (in order)')
      .requiredOption('--ms <ms>', 'delay in milliseconds')
      .option('--jitter <ms>', 'random spread around the delay, in milliseconds'),
  )
    .addHelpText('after', example('rtc chaos latency --ms 200 --jitter 50'))
    .action(inject('latency'));
  scoped(chaos.command('duplicate').description('send a fraction of business events twice').requiredOption('--rate <fraction>', 'e.g. 0.1 or 10%'))
    .addHelpText('after', example('rtc chaos duplicate --rate 10%'))
    .action(inject('duplicate'));
  scoped(
    chaos.command('reorder').description('send business events shuffled within a time window').requiredOption('--window <duration>', 'e.g. 50ms'),
  )
    .addHelpText('after', example('rtc chaos reorder --window 50ms --restaurant r2'))
    .action(inject('reorder'));

  chaos
    .command('status')
    .description('active faults, their time left and what they did')
    .addHelpText('after', example('rtc chaos status --json'))
    .action(lazy(() => import('./status.js')));
  chaos
    .command('heal [id]')
    .description('end one fault, or all of them')
    .addHelpText('after', example('rtc chaos heal', 'rtc chaos heal 2'))
    .action(lazy(() => import('./heal.js')));

  chaos
    .command('drill')
    .description('watchers, orders and faults on an embedded server (or --server): does every client converge?')
    .option('-w, --watchers <n>', 'watcher clients, spread over restaurants r1 and r2', '50')
    .option('-n, --orders <n>', 'orders driven through their lifecycle', '200')
    .option('--loss <fraction>', 'loss rate while driving (0: off)', '0.2')
    .option('--partition <duration>', 'partition of the watchers of r1 while driving (0: off)', '3s')
    .option('--latency <ms>', 'latency while driving, in ms (0: off)', '50')
    .option('--duplicate <fraction>', 'duplicate rate while driving (0: off)', '0.05')
    .option('--reorder <duration>', 'reorder window while driving (0: off)', '20ms')
    .option('--seed <n>', 'seed of every random choice (faults and orders)')
    .option('--timeout <duration>', 'how long to wait for convergence after the heal', '30s')
    .addHelpText(
      'after',
      `
Without --server it starts its own server on a temporary database. With --server it drives that
server (it needs restaurants r1 and r2, as "rtc serve --demo" has, and a superadmin token).
Exit 0 when every watcher converged, 1 when one did not (the report names the first divergence).
${example('rtc chaos drill -w 20 -n 100 --loss 30% --seed 7')}`,
    )
    .action(lazy(() => import('./drill.js')));
}
