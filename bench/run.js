#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --only fanout,replay] [-- --cluster]`: every scenario against its baseline in
 * one run on this machine; the table on stdout, progress on stderr, all figures in
 * bench/results/latest.json (fields: bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/bench/server.js`)) {
  process.stderr.write('dist/ is missing: building first (npm run build)\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const { FULL, QUICK } = await import('./lib/config.js');
const { createProgress } = await import('./lib/progress.js');
const { untilQuiet } = await import('./lib/quiet.js');
const { formatTable } = await import('./lib/table.js');
const { runFanout } = await import('./scenarios/fanout.js');
const { runThroughput } = await import('./scenarios/throughput.js');
const { runMemory } = await import('./scenarios/memory.js');
const { runPushVsPoll } = await import('./scenarios/push-vs-poll.js');
const { runReplay } = await import('./scenarios/replay.js');
const { runCliStart } = await import('./scenarios/cli-start.js');
const { runBoardRender } = await import('./scenarios/board-render.js');
const { runChaosOff } = await import('./scenarios/chaos-off.js');
const { runClusterFanout } = await import('./scenarios/cluster-fanout.js');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1]?.split(',')) : undefined;
const config = quick ? QUICK : FULL;

const scenarios = [
  ['fanout', 'fan-out, one room', (p) => runFanout(config.fanout, p)],
  ['fanoutRooms', 'fan-out, many rooms', (p) => runFanout(config.fanoutRooms, p)],
  ['fanout10k', 'fan-out, 10,000 watchers', (p) => runFanout(config.fanout10k, p)],
  ['throughput', 'command throughput', (p) => runThroughput(config.throughput, p)],
  ['memory', 'memory per idle watcher', (p) => runMemory(config.memory, p)],
  ['pushVsPoll', 'push vs poll', (p) => runPushVsPoll(config.pushVsPoll, p)],
  ['replay', 'replay with since', (p) => runReplay(config.replay, p)],
  ['cliStart', 'CLI start', (p) => runCliStart(config.cliStart, p)],
  ['boardRender', 'board render', (p) => runBoardRender(config.boardRender, p)],
  ['chaosOff', 'chaos off is free', (p, results) => runChaosOff(config.fanout, p, results.fanout, { rerun: !quick })],
  ['clusterFanout', 'cluster fan-out', (p) => runClusterFanout({ enabled: args.includes('--cluster') }, p)],
].filter(([key]) => !only || only.has(key));

const results = {};
const started = new Date();
const progress = createProgress(scenarios.length);
process.stderr.write(`rtc bench (${quick ? 'quick' : 'full'}), ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
for (const [key, name, run] of scenarios) {
  const say = progress.scenario(name);
  const quietBefore = await untilQuiet();
  if (!quietBefore.quiet) say(`the machine is still busy (${quietBefore.idlePercent}% idle after ${quietBefore.waitedSeconds} s): figures may be low`);
  try {
    results[key] = { ...(await run(say, results)), quietBefore };
  } catch (error) {
    // One scenario failing must not lose the others' figures.
    results[key] = { error: error instanceof Error ? error.message.split('\n')[0] : String(error), met: false, quietBefore };
    say(`failed: ${results[key].error}`);
  }
}
progress.done();

const report = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverageAtStart: loadavg() },
  settings: { rtcServe: '--demo --log-level warn --rate-limit 1000000:1000000 --user-rate-limit 1000000:1000000 (all else default: --batch-ms 10)', sqlite: 'WAL + synchronous=NORMAL', clientsOn: '127.0.0.1, forked processes' },
  results,
};
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${formatTable(results)}\n\nfull figures: bench/results/latest.json\n`);
process.exit(0);
