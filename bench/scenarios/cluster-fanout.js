/**
 * Cluster fan-out: bench/cluster-fanout.js (written with the scale-out work) compares one node with
 * three joined by Redis. It needs redis-server and a PostgreSQL server, so it runs only when asked
 * (`npm run bench -- --cluster`), as a child process with a time limit; its JSON is kept as it is.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLUSTER_BENCH = fileURLToPath(new URL('../cluster-fanout.js', import.meta.url));

export async function runClusterFanout({ enabled }, progress) {
  if (!existsSync(CLUSTER_BENCH)) return { available: false, note: 'not available: bench/cluster-fanout.js does not exist yet', met: null };
  if (!enabled) return { available: false, note: 'not run: needs redis-server and PostgreSQL; add --cluster', met: null };
  progress('node bench/cluster-fanout.js (one node vs three behind Redis)');
  const output = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLUSTER_BENCH], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGINT'), 180_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`cluster-fanout.js exited ${code}: ${stderr.trim().split('\n').pop()}`));
    });
  });
  const json = output.slice(output.indexOf('{'), output.lastIndexOf('\n}') + 2);
  return { available: true, ...JSON.parse(json), met: null };
}
