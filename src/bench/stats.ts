import { percentile } from '../lib/percentile.js';

export { percentile };

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const value of list) sum += value;
  return {
    count: list.length,
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
    p99: round(percentile(list, 99)),
    max: round(list[list.length - 1] ?? NaN),
    mean: round(list.length ? sum / list.length : NaN),
  };
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Two decimals: benchmark figures never mean more than that on a shared machine. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** rtc over baseline; below 1 means rtc used less (time, bytes, memory) or, for rates, did less. */
export function ratio(rtc: number, baseline: number): number {
  return baseline > 0 ? round(rtc / baseline) : NaN;
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
