/**
 * Loads React in its production build unless the user asked otherwise: the development build checks
 * every render, which a board that renders many times a second pays for and nobody reads. Call it
 * before the first import of react or ink.
 */
export function preferProductionReact(env: NodeJS.ProcessEnv = process.env): void {
  env.NODE_ENV ??= 'production';
}
