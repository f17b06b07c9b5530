import { useStdout } from 'ink';
import { useEffect, useReducer } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/**
 * The terminal's size, 80x24 when the stream does not say. Read from the stream at every render, so a
 * resize that comes before the listener is in place is not missed; the listener only asks for a render.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    stdout.on('resize', rerender);
    return () => void stdout.off('resize', rerender);
  }, [stdout]);
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}
