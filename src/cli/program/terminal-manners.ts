import chalk from 'chalk';

/**
 * What a well-behaved command does with its terminal, set once at start:
 * - a closed stdout (`rtc order list | head -1`) ends the command quietly with exit 0, as a
 *   reader that has seen enough is not a failure;
 * - NO_COLOR (any non-empty value, no-color.org) turns colour off for tables and the board: chalk 5
 *   honours only FORCE_COLOR and TERM, and Ink colours through the same chalk.
 */
export function applyTerminalManners(env: NodeJS.ProcessEnv = process.env): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  if (env.NO_COLOR) chalk.level = 0;
}
