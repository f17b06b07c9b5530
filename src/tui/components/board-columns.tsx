import { Box } from 'ink';
import { columnWidth } from '../model/column-layout.js';
import type { BoardColumn } from '../model/columns.js';
import { StatusColumn } from './status-column.js';
import type { TicketMarks } from './ticket-context.js';

/**
 * The wide layout: one column per open status, side by side. The columns clip rows, not cells: every
 * line in them is cut to its width already (truncated Text, tickets cut by hand), and Ink slices every
 * line of a horizontally clipped box by display width at every frame, which cost a busy board more
 * than its layout (bench/board-render.js).
 */
export function BoardColumns({ columns, width, height, marks }: { columns: BoardColumn[]; width: number; height: number; marks: TicketMarks }) {
  return (
    <Box height={height} overflowY="hidden">
      {columns.map((column) => (
        <StatusColumn key={column.status} column={column} width={columnWidth(width, columns)} height={height} marks={marks} />
      ))}
    </Box>
  );
}
