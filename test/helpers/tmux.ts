import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait.js';

/** A detached tmux session running one command, for driving the CLI as a person at a terminal would. */
export class TmuxSession {
  constructor(readonly name: string) {}

  static start(name: string, command: string, size = { width: 120, height: 40 }): TmuxSession {
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), command]);
    return new TmuxSession(name);
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  screen(): string {
    try {
      return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }

  async waitForText(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    return waitFor(() => {
      const screen = this.screen();
      return (typeof text === 'string' ? screen.includes(text) : text.test(screen)) ? screen : undefined;
    }, `"${String(text)}" on screen`, timeoutMs).catch((error: Error) => {
      throw new Error(`${error.message}\n--- screen ---\n${this.screen()}`);
    });
  }

  alive(): boolean {
    try {
      execFileSync('tmux', ['has-session', '-t', this.name], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  kill(): void {
    if (this.alive()) execFileSync('tmux', ['kill-session', '-t', this.name]);
  }
}

/**
 * Ends a test's own tmux server (`tmux -L socket`) and removes the socket file tmux leaves behind,
 * which is that test's to remove.
 */
export function killTmuxServer(socket: string): void {
  try {
    execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
  rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
}

/** Waits for a screen (a function that captures it) to match, and says what it showed when it did not. */
export async function untilScreen(screen: () => string, pattern: RegExp, what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => pattern.test(screen()), what, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}\n--- screen ---\n${screen()}`);
  });
}
