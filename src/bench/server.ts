import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkTracked, stopChild } from './process-pool.js';
import type { ProbeSample } from './probe.js';

/**
 * The rtc executable and the probe module, found from the package root: this code runs from
 * dist/bench/ (the bench suite) and from the bin's bundle in dist/bundle/ (`rtc bench`), both two
 * folders below it, while the probe is only ever dist/bench/probe.js.
 */
export const RTC_BIN = fileURLToPath(new URL('../../bin/rtc.js', import.meta.url));
export const PROBE_URL = new URL('../../dist/bench/probe.js', import.meta.url).href;

export interface ProbedServer {
  url: string;
  child: ChildProcess;
  /** Asks the server for its CPU time, memory (after a GC when `gc`) and socket bytes. */
  probe(gc?: boolean, heapSnapshot?: string): Promise<ProbeSample>;
  stop(): Promise<void>;
}

/**
 * Starts a server script in its own process with the probe preloaded, and waits for the one JSON
 * line it prints on stdout with its `url` (what `rtc serve --json` prints; the baselines copy it).
 */
export function startProbedServer(script: string, args: string[], timeoutMs = 30_000): Promise<ProbedServer> {
  const child = forkTracked(script, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // RTC_BENCH_SERVER_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers of a run.
    execArgv: ['--expose-gc', '--import', PROBE_URL, ...(process.env.RTC_BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  let nextProbe = 1;
  const waiting = new Map<number, (sample: ProbeSample) => void>();
  child.on('message', (message: { probeReply?: number; sample?: ProbeSample }) => {
    if (message.probeReply === undefined) return;
    waiting.get(message.probeReply)?.(message.sample!);
    waiting.delete(message.probeReply);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child, 500);
      reject(new Error(`${script} ${args.join(' ')}: ${why}\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line || !stdout.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        child,
        probe(gc = false, heapSnapshot?: string) {
          const id = nextProbe++;
          return new Promise((done, failed) => {
            const guard = setTimeout(() => failed(new Error('server probe did not answer')), 30_000);
            waiting.set(id, (sample) => (clearTimeout(guard), done(sample)));
            child.send({ probe: id, gc, ...(heapSnapshot ? { heapSnapshot } : {}) });
          });
        },
        stop: () => stopChild(child),
      });
    });
  });
}

/** `rtc serve` on a real SQLite file, quiet, with the options a benchmark says it changed. */
export function startRtcServer(db: string, extraArgs: string[] = []): Promise<ProbedServer> {
  return startProbedServer(RTC_BIN, ['serve', '--json', '--port', '0', '--db', db, '--demo', '--log-level', 'warn', ...extraArgs]);
}

/** CPU seconds and bytes between two probe samples. */
export function probeDelta(before: ProbeSample, after: ProbeSample) {
  return {
    cpuSeconds: Math.round(after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6,
    bytesSent: after.bytesWritten - before.bytesWritten,
    bytesReceived: after.bytesRead - before.bytesRead,
  };
}
