import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc login`, `rtc logout`, `rtc whoami`, `rtc passwd`: the login saved in a profile. */
export function registerSessionCommands(program: Command, lazy: Lazy): void {
  program
    .command('login')
    .description('log in and save the server and session in the profile (renewed automatically from then on)')
    .option('-u, --username <name>', 'user name (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--token-stdin', 'save an API key (or access token) read from standard input instead of a password login')
    .addHelpText(
      'after',
      example(
        'rtc login --server http://127.0.0.1:4000 -u chef',
        'printf chef | rtc --profile night login -u chef --password-stdin',
        'printf %s "$RTC_KEY" | rtc login --server https://rtc.example.com --token-stdin',
      ),
    )
    .action(lazy(() => import('./login.js')));

  program
    .command('logout')
    .description("end the profile's login on the server and forget it here")
    .addHelpText('after', example('rtc --profile night logout'))
    .action(lazy(() => import('./logout.js')));
  program
    .command('whoami')
    .description('show who the current token belongs to, and where')
    .addHelpText('after', example('rtc whoami --json'))
    .action(lazy(() => import('./whoami.js')));
  program
    .command('passwd')
    .description('change your own password (asked without echo, the new one twice); the profile is logged in again with it')
    .option('--password-stdin', 'read two lines from standard input: the current password, then the new one')
    .addHelpText('after', example('rtc passwd', 'printf "%s\\n%s\\n" "$OLD" "$NEW" | rtc passwd --password-stdin'))
    .action(lazy(() => import('./passwd.js')));
}
