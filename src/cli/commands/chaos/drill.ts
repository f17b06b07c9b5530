import chalk from 'chalk';
import { resolveContext } from '../../../client/context.js';
import { DEFAULT_DRILL_OPTIONS, runDrill, type DrillOptions, type DrillReport } from '../../../drill/drill.js';
import { integerFlag, millisFlag, rateFlag, secondsFlag } from '../../program/flags.js';
import { progressBar } from './progress.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';
import { readCa } from '../../program/read-ca.js';

export interface DrillFlags extends GlobalFlags {
  watchers: string;
  orders: string;
  loss: string;
  partition: string;
  latency: string;
  duplicate: string;
  reorder: string;
  seed?: string;
  timeout: string;
}

/** Exit code when a watcher did not converge: the drill ran, and found a client that is wrong. */
export const DIVERGED_EXIT = 1;

async function options(flags: DrillFlags): Promise<DrillOptions> {
  const parsed: DrillOptions = {
    ...DEFAULT_DRILL_OPTIONS,
    watchers: integerFlag(flags.watchers, '--watchers', 1, 10_000),
    orders: integerFlag(flags.orders, '--orders', 1, 100_000),
    loss: rateFlag(flags.loss, '--loss'),
    partitionSeconds: secondsFlag(flags.partition, '--partition', true),
    latencyMs: millisFlag(flags.latency, '--latency'),
    duplicate: rateFlag(flags.duplicate, '--duplicate'),
    reorderMs: millisFlag(flags.reorder, '--reorder'),
    seed: flags.seed === undefined ? undefined : integerFlag(flags.seed, '--seed', 0, 2 ** 32 - 1),
    timeoutSeconds: secondsFlag(flags.timeout, '--timeout'),
  };
  // Only an explicit --server drives a running server; a saved profile must not turn a drill into chaos on it.
  if (flags.server) {
    const context = await resolveContext(flags);
    parsed.server = { url: context.server, token: context.token, ca: readCa(flags.ca) };
  }
  return parsed;
}

export async function run(flags: DrillFlags): Promise<number> {
  const drillOptions = await options(flags);
  const bar = progressBar();
  let report: DrillReport;
  try {
    report = await runDrill(drillOptions, bar.update);
  } finally {
    bar.done();
  }
  if (flags.json) printJson(report);
  else printLine(reportTable(report));
  return report.converged ? 0 : DIVERGED_EXIT;
}

function reportTable(report: DrillReport): string {
  const verdict = report.converged
    ? chalk.green(`converged: all ${report.watchers} watchers match the store`)
    : chalk.red(`NOT converged: ${report.divergentWatchers} of ${report.watchers} watchers differ from the store`);
  const rows: [string, string][] = [
    ['server', report.server],
    ['seed', String(report.seed)],
    ['watchers / orders', `${report.watchers} / ${report.orders}`],
    ['events produced', String(report.events)],
    ['dropped (loss)', String(report.dropped)],
    ['delayed (latency)', String(report.delayed)],
    ['duplicated', String(report.duplicated)],
    ['reordered', String(report.reordered)],
    ['withheld (partition)', `${report.partitioned} events, ${report.ignored} requests ignored`],
    ['holes / resyncs / reconnects', `${report.holes} / ${report.resyncs} / ${report.reconnects}`],
    ['recovery after heal', `max ${report.recoveryMs.max} ms, p99 ${report.recoveryMs.p99} ms`],
    ['delivery latency', `p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms`],
    ['operator errors', String(report.operatorErrors)],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [verdict, '', ...rows.map(([label, value]) => `  ${chalk.dim(label.padEnd(width))}  ${value}`)];
  const first = report.firstDivergence;
  if (first) {
    lines.push(
      '',
      chalk.red(
        `first divergence: watcher ${first.watcher} (${first.user}, ${first.restaurantId}), ${first.orderId ? `order ${first.orderId}` : 'stream head'}: expected ${JSON.stringify(first.expected)}, seen ${JSON.stringify(first.seen)}`,
      ),
    );
  }
  return lines.join('\n');
}
