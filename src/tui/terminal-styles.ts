import chalk from 'chalk';

/**
 * Lets a full screen draw bold, inverse, dim and underline whatever colour support was detected. Ink
 * draws every style through chalk, and chalk at level 0 drops them all, attributes included: that is
 * what `NO_COLOR` (the CLI sets level 0 for its tables), `FORCE_COLOR=0`, `TERM=dumb` or a `CI`
 * variable gave, and the board lost the inverse of LATE, of allergies and of the selection. Level 1
 * (16 colours) carries every attribute; the colours themselves are dropped, when the user asked for
 * none, by `paint` (model/palette.ts), which every colour on the screens goes through.
 */
export function keepAttributes(): void {
  if (chalk.level === 0) chalk.level = 1;
}
