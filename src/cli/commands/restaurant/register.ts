import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc restaurant list|add|rename`: one module per subcommand, loaded when it runs. */
export function registerRestaurantCommands(program: Command, lazy: Lazy): void {
  const restaurant = program
    .command('restaurant')
    .description('list, add and rename restaurants')
    .addHelpText('after', example('rtc restaurant add "Harbour Grill" --id r3', 'rtc restaurant list'));
  restaurant
    .command('list')
    .description('the restaurants you can see (staff and admins: their own)')
    .addHelpText('after', example('rtc restaurant list --json'))
    .action(lazy(() => import('./list.js')));
  restaurant
    .command('add <name>')
    .description('add a restaurant (superadmin); prints its id')
    .option('--id <id>', 'its id (default: the server makes one)')
    .addHelpText('after', example('rtc restaurant add "Harbour Grill" --id r3'))
    .action(lazy(() => import('./add.js')));
  restaurant
    .command('rename <id> <name>')
    .description('rename a restaurant (superadmin, or its admin)')
    .addHelpText('after', example('rtc restaurant rename r1 "Bistro on the Square"'))
    .action(lazy(() => import('./rename.js')));
}
