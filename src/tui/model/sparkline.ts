const BARS = '▁▂▃▄▅▆▇█';

/** One character per sample, scaled to the largest; all zeros stay flat. */
export function sparkline(samples: readonly number[], width: number): string {
  const shown = samples.slice(-width);
  const max = Math.max(0, ...shown);
  return shown.map((value) => (max === 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.floor((value / max) * (BARS.length - 1)))])).join('');
}
