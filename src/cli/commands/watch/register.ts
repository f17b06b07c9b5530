import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc watch`: the live board (or NDJSON), run by ./watch.js loaded on demand. */
export function registerWatchCommand(program: Command, lazy: Lazy): void {
  program
    .command('watch')
    .description('live terminal board: a restaurant (staff), an order (customers), or system stats (--admin); NDJSON with --json or when piped')
    .option('-r, --restaurant <id>', 'restaurant to watch (staff and admins: their own by default)')
    .option('-o, --order <id>', "one order's timeline")
    .option('--admin', 'live system stats (superadmin)')
    .option('--warn <minutes>', 'ticket age that turns yellow', '5')
    .option('--late <minutes>', 'ticket age that turns red', '8')
    .option('--no-bell', 'do not ring the terminal bell for new tickets')
    .addHelpText('after', example('rtc watch', 'rtc watch --restaurant r2 --warn 3 --late 6', 'rtc watch --json | jq .event'))
    .action(lazy(() => import('./watch.js')));
}
