/**
 * Colours on the board, unless the user said no colour: `NO_COLOR` (https://no-color.org: any
 * non-empty value), `FORCE_COLOR=0` (or `false`), or `TERM=dumb`. Every colour the board asks for goes
 * through `paint`, which answers undefined (no colour) then. Bold, inverse, dim and underline stay:
 * they are not colours, and the board marks late tickets, allergies and the selection with them and
 * with words, never by colour alone (the screen runner keeps chalk on for them: terminal-styles.ts).
 * Read at each call, so a test (or a host) can set the variables after import.
 */
export function paint<T extends string>(colour: T | undefined, env: NodeJS.ProcessEnv = process.env): T | undefined {
  return coloursOff(env) ? undefined : colour;
}

/** Whether the user asked for no colour (see `paint`). */
export const coloursOff = (env: NodeJS.ProcessEnv = process.env): boolean =>
  (env.NO_COLOR ?? '') !== '' || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' || env.TERM === 'dumb';
