import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc user list|add|set-role|reset-password|remove`: one module per subcommand; USER is a username (or an id). */
export function registerUserCommands(program: Command, lazy: Lazy): void {
  const user = program
    .command('user')
    .description('manage users (superadmins: all; admins: the staff of their restaurant)')
    .addHelpText(
      'after',
      '\nRoles: customer, staff, admin, superadmin. Nobody grants a role above their own, nor outside their restaurant.\n' +
        example('rtc user add maria --role staff --restaurant r1', 'rtc user list --restaurant r1'),
    );
  user
    .command('list')
    .description('the users you manage')
    .option('-r, --restaurant <id>', 'only this restaurant')
    .addHelpText('after', example('rtc user list --restaurant r1'))
    .action(lazy(() => import('./list.js')));
  user
    .command('add <username>')
    .description('add a user; without --password-stdin the server makes a password, shown once')
    .requiredOption('--role <role>', 'customer, staff, admin or superadmin')
    .option('-r, --restaurant <id>', 'the restaurant of staff and admins')
    .option('--password-stdin', 'read the password from standard input (at least 8 characters)')
    .addHelpText('after', example('rtc user add maria --role staff --restaurant r1'))
    .action(lazy(() => import('./add.js')));
  user
    .command('set-role <user> <role>')
    .description("change a user's role (and restaurant); ends that user's sessions")
    .option('-r, --restaurant <id>', 'the restaurant the role is for')
    .addHelpText('after', example('rtc user set-role maria admin --restaurant r1'))
    .action(lazy(() => import('./set-role.js')));
  user
    .command('reset-password <user>')
    .description("set a new password (made here and shown once, or read from stdin); ends that user's sessions")
    .option('--password-stdin', 'read the new password from standard input')
    .addHelpText('after', example('rtc user reset-password maria'))
    .action(lazy(() => import('./reset-password.js')));
  user
    .command('remove <user>')
    .description("delete a user, or with --disable keep it but refuse its logins; ends that user's sessions")
    .option('--disable', 'disable instead of deleting (history keeps the user; rtc user enable undoes it)')
    .addHelpText('after', example('rtc user remove maria --disable'))
    .action(lazy(() => import('./remove.js')));
  user
    .command('enable <user>')
    .description('let a user disabled with remove --disable log in again')
    .addHelpText('after', example('rtc user enable maria'))
    .action(lazy(() => import('./enable.js')));
}
