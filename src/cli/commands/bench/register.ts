import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc bench ...`: user-facing benchmarks, declared here, loaded on demand. */
export function registerBenchCommands(program: Command, lazy: Lazy): void {
  const bench = program
    .command('bench')
    .description('measure rtc on this machine')
    .addHelpText('after', example('rtc bench push-vs-poll -n 200 -s 20'));
  bench
    .command('push-vs-poll')
    .description('server CPU and bytes: N clients polling HTTP vs N rtc watchers pushed one update a minute')
    .option('-n, --clients <n>', 'clients on each side', '1000')
    .option('-s, --seconds <s>', 'length of each phase', '60')
    .option('--poll-every <s>', 'seconds between two polls of one client', '5')
    .addHelpText('after', example('rtc bench push-vs-poll -n 200 -s 20'))
    .action(lazy(() => import('./push-vs-poll.js')));
}
