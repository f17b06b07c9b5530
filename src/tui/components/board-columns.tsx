import { Box } from 'ink';
import { columnWidth } from '../model/column-layout.js';
import type { BoardColumn } from '../model/columns.js';
import { StatusColumn } from './status-column.js';
import type { TicketMarks } from './ticket-context.js';

/** The wide layout: one column per open status, side by side. */
export function BoardColumns({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  return (
    <Box height={height} overflow="hidden">
      {columns.map((column) => (
        <StatusColumn key={column.status} column={column} width={columnWidth(width, columns)} height={height} marks={marks} />
      ))}
    </Box>
  );
}
