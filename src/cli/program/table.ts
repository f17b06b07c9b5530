import chalk from 'chalk';

/**
 * A plain-text table: a bold header row, columns two spaces apart, widths by visible length so
 * that colour codes do not push columns out of line. The last column is never padded.
 */
export function table(headers: string[], rows: string[][]): string {
  const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths = headers.map((header, i) => Math.max(visible(header), ...rows.map((row) => visible(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell)))).join('  ');
  return [chalk.bold(line(headers)), ...rows.map(line)].join('\n');
}
