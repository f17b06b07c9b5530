/**
 * The one set of flag parsers of the CLI: each reads a flag's text into a number in the unit it
 * names, or throws RtcError BAD_REQUEST (exit 2) naming the flag and what it takes.
 */
import { RtcError } from '../../protocol/errors.js';
import { parseDurationSeconds } from './parse-duration.js';

/** "0.3" or "30%": a fraction from 0 to 1. */
export function rateFlag(text: string, flag: string): number {
  const trimmed = text.trim();
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RtcError('BAD_REQUEST', `${flag} must be a fraction from 0 to 1 (0.3) or a percentage (30%), not "${text}"`);
  }
  return value;
}

/** "250", "250ms", "1.5s": milliseconds; a bare number is milliseconds here. */
export function millisFlag(text: string, flag: string): number {
  const bare = /^\s*\d+\s*$/.test(text);
  const seconds = bare ? Number(text) / 1000 : parseDurationSeconds(text);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    throw new RtcError('BAD_REQUEST', `${flag} must be milliseconds like 200 or a duration like 50ms, not "${text}"`);
  }
  return Math.round(seconds * 1000);
}

/** "30", "30s", "5m": seconds; a bare number is seconds. "0" is allowed where a fault may be off. */
export function secondsFlag(text: string, flag: string, allowZero = false): number {
  if (allowZero && /^\s*0+(\.0*)?\s*(ms|s|m|h)?\s*$/i.test(text)) return 0;
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) throw new RtcError('BAD_REQUEST', `${flag} must be a duration like 30s or 5m, not "${text}"`);
  return seconds;
}

/** A whole number from `min` to `max` (both included); without a `max`, any whole number >= `min`. */
export function integerFlag(text: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new RtcError('BAD_REQUEST', `${flag} must be a whole number ${range}, not "${text}"`);
  }
  return value;
}

/** A number above 0 and at most `max`, decimals allowed (a count, or seconds where the flag says so). */
export function positiveFlag(text: string, flag: string, max: number): number {
  const value = Number(text);
  if (!(value > 0) || value > max) throw new RtcError('BAD_REQUEST', `${flag} must be a number above 0 and at most ${max}, not "${text}"`);
  return value;
}
