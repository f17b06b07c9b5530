/**
 * The p-th percentile (0-100) by nearest rank: the smallest value with at least p% of the values at
 * or below it, i.e. sorted[ceil(p/100 * n) - 1], clamped to the list (p 0 gives the minimum, p 100
 * the maximum). Always one of the values, never interpolated. `sorted` must be in ascending order
 * (callers sort once and ask for several percentiles); NaN for an empty list.
 * The one percentile rule of rtc: the drill's report and every benchmark figure use it.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}
