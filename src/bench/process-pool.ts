import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';

/** A forked process that answers requests over IPC (see worker-rpc.ts). */
export interface BenchWorker {
  readonly child: ChildProcess;
  call<T = unknown>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Every child the benchmarks started; all are killed when this process exits, however it exits. */
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
process.once('exit', killAll);

/** Stops a child: SIGTERM, then SIGKILL if it is still there after the grace period. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      live.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Forks a child that the harness tracks (and kills at exit). */
export function forkTracked(script: string, args: string[], options: ForkOptions): ChildProcess {
  const child = fork(script, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Forks a worker script that serves requests with serveRpc. */
export function forkWorker(script: string, options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): BenchWorker {
  const child = forkTracked(script, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // RTC_BENCH_CLIENT_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the client processes.
    execArgv: [...(options.execArgv ?? []), ...(process.env.RTC_BENCH_CLIENT_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, ...options.env },
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  child.on('message', (message: Reply) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
  });
  child.once('exit', (code, signal) => {
    for (const pending of waiting.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`worker ${script} exited (${signal ?? code})`));
    }
    waiting.clear();
  });
  return {
    child,
    call(type, payload, timeoutMs = 120_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`worker ${script}: ${type} took over ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        child.send({ id, type, payload });
      });
    },
    // Asked to leave (IPC disconnect) first, so a profiled worker can write its profile; killed if it lingers.
    stop: async () => {
      if (child.connected && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      }
      return stopChild(child);
    },
  };
}

/** Forks `count` workers of one script. */
export function forkWorkers(script: string, count: number, options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): BenchWorker[] {
  return Array.from({ length: count }, () => forkWorker(script, options));
}

/** Splits `total` into `parts` near-equal whole shares, e.g. clients over worker processes. */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}
