/**
 * Colours on the board, unless the user said NO_COLOR (https://no-color.org: any non-empty value).
 * Ink's chalk does not read NO_COLOR, so every colour the board asks for goes through `paint`, which
 * answers undefined (no colour) then. Bold, inverse and dim stay: they are not colours, and the board
 * marks late tickets, allergies and the selection with them and with words, never by colour alone.
 * Read at each call, so a test (or a host) can set the variable after import.
 */
export function paint<T extends string>(colour: T | undefined, env: NodeJS.ProcessEnv = process.env): T | undefined {
  return coloursOff(env) ? undefined : colour;
}

export const coloursOff = (env: NodeJS.ProcessEnv = process.env): boolean => (env.NO_COLOR ?? '') !== '';
