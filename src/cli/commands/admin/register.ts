import type { Command } from 'commander';
import type { Lazy } from '../../program/lazy.js';

/** `rtc admin ...`: offline tools that work straight on the server's SQLite store, without a server. */
export function registerAdminCommands(program: Command, lazy: Lazy): void {
  const admin = program.command('admin').description('offline tools on the server machine, straight on the SQLite store');
  admin
    .command('reset-password')
    .description('set a new password for USER (a generated one unless --password-stdin) and end their sessions')
    .argument('<user>', 'username')
    .requiredOption('--db <path>', 'the SQLite file the server runs on')
    .option('--password-stdin', 'read the new password from standard input')
    .action(lazy(() => import('./reset-password.js')));
}
