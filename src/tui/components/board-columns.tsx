import { Box } from 'ink';
import type { BoardColumn } from '../model/columns.js';
import { StatusColumn } from './status-column.js';
import type { TicketMarks } from './ticket-context.js';

/** The wide layout: one column per open status, side by side. */
export function BoardColumns({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  const columnWidth = Math.floor(width / columns.length);
  return (
    <Box height={height} overflow="hidden">
      {columns.map((column) => (
        <StatusColumn key={column.status} column={column} width={columnWidth} height={height} marks={marks} />
      ))}
    </Box>
  );
}
