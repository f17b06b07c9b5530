import { Text } from 'ink';
import { paint } from '../model/palette.js';
import type { TicketLine } from '../model/ticket-lines.js';

/** One row of a ticket's body; an allergy in inverse video, upper case and marked, so it shows without colour too. */
export function TicketBodyLine({ line }: { line: TicketLine }) {
  switch (line.kind) {
    case 'allergy':
      return (
        <Text wrap="truncate" bold inverse color={paint('red')}>
          {line.text}
        </Text>
      );
    case 'mod':
      return (
        <Text wrap="truncate" color={paint('yellow')}>
          {line.text}
        </Text>
      );
    case 'note':
      return (
        <Text wrap="truncate" italic>
          {line.text}
        </Text>
      );
    default:
      return <Text wrap="truncate">{line.text}</Text>;
  }
}
