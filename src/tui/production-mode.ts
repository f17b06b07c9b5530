/**
 * Loads React in its production build unless the user asked otherwise: the development build checks
 * every render, which a board that renders many times a second pays for and nobody reads. Call it
 * before the first import of react or ink.
 */
export function preferProductionReact(env: NodeJS.ProcessEnv = process.env): void {
  env.NODE_ENV ??= 'production';
}

/**
 * Ink reads CI (and CONTINUOUS_INTEGRATION) when it is imported and, if set, prints only the last
 * frame, which suits build logs. A board on a terminal is for a person, wherever it runs: a shell
 * on a CI box, a test that drives it in tmux. Call it before the first import of ink.
 */
export function renderLiveOnTerminal(env: NodeJS.ProcessEnv = process.env): void {
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
}
