import { RtcError } from '../../../protocol/errors.js';
import type { AgeThresholds } from '../../../tui/model/age.js';

/** --warn and --late, in minutes (decimals allowed), as the board's age thresholds. */
export function parseThresholds(warn: string, late: string): AgeThresholds {
  const minutes = (text: string, flag: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new RtcError('BAD_REQUEST', `${flag} takes minutes greater than 0, e.g. ${flag} 5, not "${text}"`);
    return value * 60_000;
  };
  const thresholds = { warnMs: minutes(warn, '--warn'), lateMs: minutes(late, '--late') };
  if (thresholds.warnMs > thresholds.lateMs) throw new RtcError('BAD_REQUEST', `--warn (${warn} min) must not be later than --late (${late} min)`);
  return thresholds;
}
