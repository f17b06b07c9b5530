import type { Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** `rtc demo`: embedded server, simulator and board in one command. */
export function registerDemoCommand(program: Command, lazy: Lazy): void {
  program
    .command('demo')
    .description('one command to see rtc live: an embedded demo server, the simulator and the kitchen board')
    .addHelpText('after', example('rtc demo'))
    .action(lazy(() => import('./demo.js')));
}
