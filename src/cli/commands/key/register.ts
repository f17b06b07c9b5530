import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc key create|list|revoke`: API keys for machines (a point of sale, a cron script). */
export function registerKeyCommands(program: Command, lazy: Lazy): void {
  const key = program
    .command('key')
    .description('API keys for machines: long-lived tokens with a name, a role and a restaurant, revocable at once')
    .addHelpText(
      'after',
      '\nA machine uses a key like a login: RTC_TOKEN=KEY rtc order list, or printf %s KEY | rtc login --token-stdin\n' +
        example('rtc key create --name pos --role staff --restaurant r1 --expires 90d', 'rtc key list'),
    );
  key
    .command('create')
    .description('make a key; its token is printed once and never again')
    .requiredOption('--name <name>', 'what the key is for, e.g. pos')
    .requiredOption('--role <role>', 'customer, staff, admin or superadmin (no higher than yours)')
    .option('-r, --restaurant <id>', 'the restaurant of a staff or admin key')
    .option('--expires <duration>', 'lifetime, e.g. 90d, 12h (default: until revoked)')
    .addHelpText('after', example('rtc key create --name pos --role staff --restaurant r1 --expires 90d'))
    .action(lazy(() => import('./create.js')));
  key
    .command('list')
    .description('the keys you manage, with who made each and when (tokens are never shown again)')
    .addHelpText('after', example('rtc key list --json'))
    .action(lazy(() => import('./list.js')));
  key
    .command('revoke <id>')
    .description('revoke a key: it stops working at once')
    .addHelpText('after', example('rtc key revoke k-7f3a'))
    .action(lazy(() => import('./revoke.js')));
}
