const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Reads "90", "90s", "15m", "12h", "250ms" into seconds; undefined when it is not a duration. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNITS[(match[2] ?? 's').toLowerCase()]!;
  return seconds > 0 ? seconds : undefined;
}
