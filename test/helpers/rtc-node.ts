import { spawn, type ChildProcess } from 'node:child_process';
import { RTC_BIN } from './cli.js';
import { freePort, stopChild } from './redis.js';

export interface RtcNode {
  url: string;
  port: number;
  /** Of the running process: it changes with a restart. */
  pid(): number | undefined;
  /** SIGKILL: the node dies mid-flight, as a crashed machine would. */
  kill(): Promise<void>;
  /** Starts the node again on the same port (after kill or stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  stderr(): string;
}

export interface RtcNodeOptions {
  /** Flags after `rtc serve`, besides --json, --port and --host. */
  args: string[];
  env?: Record<string, string>;
  scheme?: 'http' | 'https';
}

/** One `rtc serve` process of the built binary, on a port of its own that survives a restart. */
export async function startRtcNode(options: RtcNodeOptions): Promise<RtcNode> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, [RTC_BIN, 'serve', '--json', '--port', String(port), '--host', '127.0.0.1', ...options.args], {
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let stdout = '';
      const timer = setTimeout(() => (proc.kill('SIGKILL'), reject(new Error(`rtc serve did not start within 45 s: ${log}`))), 45_000);
      proc.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
      proc.stdout!.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) (clearTimeout(timer), resolve());
      });
      proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`rtc serve exited with ${code}: ${log}`))));
    });

  await launch();
  return {
    url: `${options.scheme ?? 'http'}://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    kill: () => (child ? stopChild(child, 'SIGKILL') : Promise.resolve()),
    restart: launch,
    stop: () => (child ? stopChild(child) : Promise.resolve()),
    stderr: () => log,
  };
}
