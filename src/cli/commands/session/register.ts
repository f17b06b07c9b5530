import type { Command } from 'commander';
import type { Lazy } from '../../program/lazy.js';

/** `rtc login`, `rtc logout`, `rtc whoami`: the token saved in a profile. */
export function registerSessionCommands(program: Command, lazy: Lazy): void {
  program
    .command('login')
    .description('log in and save the server and token in the profile')
    .option('-u, --username <name>', 'user name (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .action(lazy(() => import('./login.js')));

  program.command('logout').description('forget the saved token of the profile').action(lazy(() => import('./logout.js')));
  program.command('whoami').description('show who the current token belongs to, and where').action(lazy(() => import('./whoami.js')));
}
