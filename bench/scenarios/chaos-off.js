/**
 * Scenario 8, chaos off is free. Every `rtc serve` carries the chaos module (src/server/chaos), idle
 * until a superadmin injects a fault, so scenario 1 already measured rtc with it present and no
 * fault active. The full run measures fan-out once more, after checking that no fault is active,
 * as a second sample against the same raw baseline; quick mode reports scenario 1's figures.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runFanout } from './fanout.js';

const CHAOS_MODULE = fileURLToPath(new URL('../../src/server/chaos/chaos-module.ts', import.meta.url));

export async function runChaosOff(fanoutOptions, progress, firstFanout, { rerun }) {
  if (!existsSync(CHAOS_MODULE)) return { available: false, note: 'pending: the chaos module is not on main yet', met: null };
  if (!rerun) {
    if (!firstFanout || firstFanout.error) return { available: false, note: 'needs scenario 1 (quick mode reuses its figures)', met: null };
    return { available: true, reusedScenario1: true, ...firstFanout };
  }
  const again = await runFanout({ ...fanoutOptions, checkNoFault: true }, progress);
  const vs = (key) => Math.round((again.rtc[key] / firstFanout.rtc[key]) * 100) / 100;
  return { available: true, reusedScenario1: false, ...again, vsScenario1: firstFanout?.rtc ? { p50: vs('p50'), p99: vs('p99') } : undefined };
}
