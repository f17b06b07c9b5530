import type { Command } from 'commander';
import { example } from '../../program/help.js';
import type { Lazy } from '../../program/lazy.js';

/** `rtc login`, `rtc logout`, `rtc whoami`: the token saved in a profile. */
export function registerSessionCommands(program: Command, lazy: Lazy): void {
  program
    .command('login')
    .description('log in and save the server and token in the profile')
    .option('-u, --username <name>', 'user name (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .addHelpText('after', example('rtc login --server http://127.0.0.1:4000 -u chef', 'printf chef | rtc --profile night login -u chef --password-stdin'))
    .action(lazy(() => import('./login.js')));

  program
    .command('logout')
    .description('forget the saved token of the profile')
    .addHelpText('after', example('rtc --profile night logout'))
    .action(lazy(() => import('./logout.js')));
  program
    .command('whoami')
    .description('show who the current token belongs to, and where')
    .addHelpText('after', example('rtc whoami --json'))
    .action(lazy(() => import('./whoami.js')));
}
