import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { rtc, RTC_BIN } from './cli.js';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  /** Sends a signal and waits for the process to end; answers its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns the built `rtc serve --json` and waits for the URL it prints. */
export function spawnServe(args: string[], env: Record<string, string | undefined> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [RTC_BIN, 'serve', '--json', '--port', '0', '--log-level', 'warn', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rtc serve did not start: ${stderr}`));
    }, 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rtc serve exited with ${code}: ${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        child,
        stderr: () => stderr,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/**
 * A demo `rtc serve` on a database in `dir`, with `chef` logged in through the CLI into a profile of
 * its own there; answers the server and the environment that runs `rtc` as that chef.
 */
export async function serveWithChef(dir: string, args: string[] = []): Promise<{ serve: ServeProcess; env: Record<string, string> }> {
  const serve = await spawnServe(['--demo', '--db', join(dir, 'rtc.db'), ...args]);
  const env = { RTC_CONFIG_DIR: join(dir, 'config'), RTC_SERVER: '', RTC_TOKEN: '' };
  const login = await rtc(['login', '--server', serve.url, '--username', 'chef', '--password-stdin'], { env, input: 'chef\n' });
  if (login.code !== 0) throw new Error(`chef could not log in: ${login.stderr}`);
  return { serve, env };
}
