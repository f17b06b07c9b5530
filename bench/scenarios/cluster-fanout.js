/**
 * Cluster fan-out: delegated to bench/cluster-fanout.js (written with the scale-out work), run if it
 * exists; its first exported run* function is called with { quick }.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLUSTER_BENCH = fileURLToPath(new URL('../cluster-fanout.js', import.meta.url));

export async function runClusterFanout(options, progress) {
  if (!existsSync(CLUSTER_BENCH)) return { available: false, note: 'not available: bench/cluster-fanout.js does not exist yet', met: null };
  const module = await import(CLUSTER_BENCH);
  const run = Object.entries(module).find(([name, value]) => /^run/.test(name) && typeof value === 'function')?.[1] ?? module.default;
  if (typeof run !== 'function') return { available: false, note: 'bench/cluster-fanout.js exports no run function', met: null };
  progress('bench/cluster-fanout.js');
  return { available: true, ...(await run(options)) };
}
