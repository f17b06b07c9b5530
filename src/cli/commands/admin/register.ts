import type { Command } from 'commander';
import type { Lazy } from '../../program/lazy.js';

/**
 * `rtc admin ...`: tools run on the server's machine, straight on the store file (no login), each
 * loaded on demand. Backups and checks here; other admin commands join the same group.
 */
export function registerAdminCommands(program: Command, lazy: Lazy): Command {
  const admin = program.command('admin').description("tools for the server's machine that work on the store file itself (no login)");

  admin
    .command('backup')
    .description('consistent copy of the SQLite store, safe while the server runs (SQLite online backup), mode 0600')
    .requiredOption('--db <path>', 'the SQLite file the server uses')
    .requiredOption('--to <file>', 'the new backup file')
    .option('--force', 'replace --to if it exists')
    .addHelpText('after', '\nExample:  rtc admin backup --db /var/lib/rtc/rtc.db --to /backups/rtc-$(date +%F).db')
    .action(lazy(() => import('./backup.js')));

  admin
    .command('verify')
    .description("check the store: every restaurant's seq without holes, every order's versions 1..n, the read model = the fold of its events")
    .requiredOption('--db <path>', 'the SQLite file (a backup, or the live store: it is only read)')
    .addHelpText('after', '\nExits 0 with a one-line summary, or 1 naming each problem.\nExample:  rtc admin verify --db /backups/rtc-2026-01-31.db')
    .action(lazy(() => import('./verify.js')));

  return admin;
}
