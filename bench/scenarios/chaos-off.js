/**
 * Scenario 8, chaos off is free: fan-out again with the chaos module built into the server but no
 * fault active, against the same raw baseline. Pending while the chaos module is not on main (the
 * CLI's `rtc chaos` is then a placeholder, and dist has no server chaos module).
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runFanout } from './fanout.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The sources, not dist: a stale compiled placeholder must not hide the real module, nor the other way round. */
export function chaosModulePresent() {
  if (existsSync(`${SRC}cli/chaos-pending.ts`)) return false;
  const names = readdirSync(`${SRC}server`, { recursive: true }).map(String);
  return names.some((name) => name.includes('chaos'));
}

export async function runChaosOff(fanoutOptions, progress, firstFanout) {
  if (!chaosModulePresent()) return { available: false, note: 'pending: the chaos module is not on main yet', met: null };
  const again = await runFanout(fanoutOptions, progress);
  return {
    available: true,
    ...again,
    vsScenario1: firstFanout ? { p50: Math.round((again.rtc.p50 / firstFanout.rtc.p50) * 100) / 100, p99: Math.round((again.rtc.p99 / firstFanout.rtc.p99) * 100) / 100 } : undefined,
  };
}
