import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc order create|list|show|advance|cancel|recall`: one module per subcommand, loaded when it runs. */
export function registerOrderCommands(program: Command, lazy: Lazy): void {
  const order = program
    .command('order')
    .description('create, list, show, advance, cancel and recall orders')
    .addHelpText(
      'after',
      example('id=$(rtc order create -r r1 -i "2x Burger, 1x Fries" -a 23.5 | head -1)', 'rtc order advance "$id" --expect pending', 'rtc order list -r r1 -s preparing'),
    );
  order
    .command('create')
    .description('create an order; prints its id alone on the first line, then the order')
    .requiredOption('-r, --restaurant <id>', 'restaurant id')
    .requiredOption('-i, --items <items>', 'items, e.g. "2x Burger [no onions; extra cheese], 1x Fries" (modifiers in [...], split by ;)')
    .requiredOption('-a, --amount <amount>', 'total in currency units, e.g. 23.5')
    .option('-c, --customer <name>', 'customer name (walk-ins)')
    .option('-n, --note <text>', 'a note for the whole order, e.g. "ALLERGY: peanuts" (at most 500 characters)')
    .addHelpText(
      'after',
      example(
        'rtc order create -r r1 -i "2x Burger, 1x Fries" -a 23.5 -c Sam',
        'rtc order create -r r1 --items "2x Burger [no onions; extra cheese], 1x Fries" --note "ALLERGY: peanuts" -a 23.5',
      ) + '\n\nModifiers go in [...] after an item, split by ;. Each item takes at most 10 modifiers of 1-60 characters;\ntext must be printable (no control characters).',
    )
    .action(lazy(() => import('./create.js')));
  order
    .command('list')
    .description('list orders you can see')
    .option('-r, --restaurant <id>', 'only this restaurant')
    .option('-s, --status <status>', 'only this status (e.g. pending, out-for-delivery)')
    .addHelpText('after', example('rtc order list -r r1 -s preparing'))
    .action(lazy(() => import('./list.js')));
  order
    .command('show <id>')
    .description('an order and its history (ids in any case)')
    .addHelpText('after', example('rtc order show K7M2QX'))
    .action(lazy(() => import('./show.js')));
  order
    .command('advance <id>')
    .description('move an order to its next status (or --to)')
    .option('-t, --to <status>', 'target status')
    .option('-e, --expect <status>', 'only if the order is in this status now (else exit 3)')
    .addHelpText('after', example('rtc order advance K7M2QX --expect preparing'))
    .action(lazy(() => import('./advance.js')));
  order
    .command('cancel <id>')
    .description('cancel an order')
    .option('--reason <text>', 'why (shown in the history)')
    .option('-e, --expect <status>', 'only if the order is in this status now (else exit 3)')
    .addHelpText('after', example('rtc order cancel K7M2QX --reason "out of buns"'))
    .action(lazy(() => import('./cancel.js')));
  order
    .command('recall <id>')
    .description("undo the order's last status change (within the server's recall window, 15 min by default)")
    .option('-e, --expect <status>', 'only if the order is in this status now (else exit 3)')
    .addHelpText('after', example('rtc order recall K7M2QX --expect confirmed'))
    .action(lazy(() => import('./recall.js')));
}
