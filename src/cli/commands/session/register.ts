import type { Command } from 'commander';
import type { Lazy } from '../../program/lazy.js';

/** `rtc login`, `rtc logout`, `rtc whoami`, `rtc passwd`: the login saved in a profile. */
export function registerSessionCommands(program: Command, lazy: Lazy): void {
  program
    .command('login')
    .description('log in and save the server and session in the profile (renewed automatically from then on)')
    .option('-u, --username <name>', 'user name (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--token-stdin', 'save an API key (or access token) read from standard input instead of a password login')
    .addHelpText('after', '\nExamples:\n  rtc login --server http://127.0.0.1:4000 -u chef\n  printf %s "$RTC_KEY" | rtc login --server https://rtc.example.com --token-stdin')
    .action(lazy(() => import('./login.js')));

  program
    .command('logout')
    .description("end the profile's login on the server and forget it here")
    .action(lazy(() => import('./logout.js')));
  program
    .command('whoami')
    .description('show who the current token belongs to, and where')
    .action(lazy(() => import('./whoami.js')));
  program
    .command('passwd')
    .description('change your own password (asked twice without echo); the profile is logged in again with it')
    .option('--password-stdin', 'read two lines from standard input: the current password, then the new one')
    .addHelpText('after', '\nExample:\n  rtc passwd\n  printf "%s\\n%s\\n" "$OLD" "$NEW" | rtc passwd --password-stdin')
    .action(lazy(() => import('./passwd.js')));
}
