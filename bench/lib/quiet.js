import { cpus } from 'node:os';

/** Share of the machine's CPU time that was idle since `before` (0..1), from os.cpus() (all cores). */
function idleShare(before, after) {
  let idle = 0;
  let total = 0;
  after.forEach((cpu, i) => {
    const was = before[i]?.times;
    if (!was) return;
    for (const [kind, value] of Object.entries(cpu.times)) {
      const spent = value - was[kind];
      total += spent;
      if (kind === 'idle') idle += spent;
    }
  });
  return total > 0 ? idle / total : 1;
}

/**
 * Waits until the machine is quiet before a scenario: the processes of the last one (thousands of
 * client sockets closing, a server flushing its store) can take seconds to finish, and their CPU was
 * being counted against whatever ran next (CLI start measured 2.07x `node -e ''` in a full run, and
 * 1.70-1.74x alone right after it). Quiet means at least `idle` (0..1) of all cores idle over one
 * `windowMs` window; it gives up after `maxMs` and says so. Answers what it saw, for latest.json:
 * `{ waitedSeconds, idlePercent, quiet }` (idlePercent of the last window).
 */
export async function untilQuiet({ idle = 0.85, windowMs = 1000, maxMs = 30_000 } = {}) {
  const started = Date.now();
  for (;;) {
    const before = cpus();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const share = idleShare(before, cpus());
    const waited = Date.now() - started;
    if (share >= idle || waited >= maxMs) {
      return { waitedSeconds: Math.round(waited / 100) / 10, idlePercent: Math.round(share * 1000) / 10, quiet: share >= idle };
    }
  }
}
