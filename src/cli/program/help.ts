/**
 * The example block a command's `--help` ends with (commander's addHelpText 'after'):
 * `.addHelpText('after', example('rtc order list -r r1'))`. Every leaf command has one; the help
 * test walks the command tree to hold that.
 */
export function example(...commands: string[]): string {
  return `\n${commands.length > 1 ? 'Examples' : 'Example'}:\n${commands.map((command) => `  $ ${command}`).join('\n')}`;
}
