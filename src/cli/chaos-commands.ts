import type { Command } from 'commander';
import type { Lazy } from './main.js';

/** `rtc chaos ...`: declared here (flags only), run by modules loaded on demand. */
export function registerChaosCommands(program: Command, lazy: Lazy): void {
  program
    .command('chaos')
    .description('fault injection into a live server, and a drill that proves clients converge')
    .action(lazy(() => import('./chaos-pending.js')));
}
