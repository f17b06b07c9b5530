import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc admin ...`: offline tools that work straight on the server's SQLite store, without a server. */
export function registerAdminCommands(program: Command, lazy: Lazy): Command {
  const admin = program
    .command('admin')
    .description('offline tools on the server machine, straight on the SQLite store')
    .addHelpText('after', example('rtc admin backup --db /var/lib/rtc/rtc.db --to /backups/rtc-$(date +%F).db', 'rtc admin verify --db /backups/rtc-2026-01-31.db'));
  admin
    .command('reset-password')
    .description('set a new password for USER (a generated one unless --password-stdin) and end their sessions')
    .argument('<user>', 'username')
    .requiredOption('--db <path>', 'the SQLite file the server runs on')
    .option('--password-stdin', 'read the new password from standard input')
    .addHelpText('after', example('rtc admin reset-password --db /var/lib/rtc/rtc.db admin'))
    .action(lazy(() => import('./reset-password.js')));

  admin
    .command('backup')
    .description('consistent copy of the SQLite store, safe while the server runs (SQLite online backup), mode 0600')
    .requiredOption('--db <path>', 'the SQLite file the server uses')
    .requiredOption('--to <file>', 'the new backup file')
    .option('--force', 'replace --to if it exists')
    .addHelpText('after', example('rtc admin backup --db /var/lib/rtc/rtc.db --to /backups/rtc-$(date +%F).db'))
    .action(lazy(() => import('./backup.js')));

  admin
    .command('verify')
    .description("check the store: every restaurant's seq without holes, every order's versions 1..n, the read model = the fold of its events")
    .requiredOption('--db <path>', 'the SQLite file (a backup, or the live store: it is only read)')
    .addHelpText('after', '\nExits 0 with a one-line summary, or 1 naming each problem.' + example('rtc admin verify --db /backups/rtc-2026-01-31.db'))
    .action(lazy(() => import('./verify.js')));

  return admin;
}
