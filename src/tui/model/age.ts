/** How urgent a ticket looks: the kitchen reads colour before it reads numbers. */
export type AgeLevel = 'fresh' | 'warn' | 'late';

export interface AgeThresholds {
  warnMs: number;
  lateMs: number;
}

export const DEFAULT_THRESHOLDS: AgeThresholds = { warnMs: 5 * 60_000, lateMs: 8 * 60_000 };

export function ageLevel(ageMs: number, thresholds: AgeThresholds): AgeLevel {
  if (ageMs >= thresholds.lateMs) return 'late';
  if (ageMs >= thresholds.warnMs) return 'warn';
  return 'fresh';
}

/** mm:ss, growing to h:mm:ss; a clock a little behind the server never shows a negative age. */
export function formatAge(ageMs: number): string {
  const total = Math.max(0, Math.floor(ageMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export const AGE_COLOUR: Record<AgeLevel, string> = { fresh: 'green', warn: 'yellow', late: 'red' };

/**
 * The word a warn or late timer carries, so lateness reads without colour (NO_COLOR, a monochrome
 * screen, a colour-blind cook). Fresh tickets carry none; the words are the same width, so timers line up.
 */
export const AGE_MARK: Record<AgeLevel, string> = { fresh: '    ', warn: 'WARN', late: 'LATE' };

/** A timer as the board prints it: the mark, then mm:ss (`LATE 09:12`, `     01:30`). */
export const ageLabel = (ageMs: number, thresholds: AgeThresholds): string => `${AGE_MARK[ageLevel(ageMs, thresholds)]} ${formatAge(ageMs).padStart(5)}`;

/**
 * Whether a ticket's timer reads the same at two moments (ms, server time): it shows whole seconds of
 * age and a lateness level, so a ticket drawn at one needs no render at the other.
 */
export function sameShownAge(createdAt: number, nowBefore: number, nowAfter: number, thresholds: AgeThresholds): boolean {
  if (nowBefore === nowAfter) return true;
  const before = nowBefore - createdAt;
  const after = nowAfter - createdAt;
  return shownSeconds(before) === shownSeconds(after) && ageLevel(before, thresholds) === ageLevel(after, thresholds);
}

/** The age as the timer prints it (formatAge): whole seconds, never below zero. */
const shownSeconds = (ageMs: number): number => Math.max(0, Math.floor(ageMs / 1000));
