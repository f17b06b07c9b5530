import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const STOP_SIGNALS = fileURLToPath(new URL('../dist/lib/stop-signals.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rtc-stop-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A process that listens for Ctrl-C, then takes and frees a proper-lockfile lock (as a renewing
 * profile session does, which loads signal-exit after the listener), then gets SIGINT.
 */
function interrupted(listen: string) {
  const script = `
    const { onStopSignals } = await import(${JSON.stringify(STOP_SIGNALS)});
    const keepAlive = setInterval(() => {}, 1000);
    ${listen}
    const { lock } = await import('proper-lockfile');
    const release = await lock(${JSON.stringify(dir)});
    await release();
    process.kill(process.pid, 'SIGINT');`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, cwd: process.cwd() });
}

describe('stop signals: Ctrl-C ends a command with its own exit code', () => {
  it('exits 0 after the stop, even with signal-exit listening', () => {
    const result = interrupted(`const dispose = onStopSignals(() => { clearInterval(keepAlive); dispose(); process.exitCode = 0; });`);
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
  });

  it('(the fault it fixes) a once listener lets signal-exit re-raise the signal', () => {
    const result = interrupted(`process.once('SIGINT', () => { clearInterval(keepAlive); process.exitCode = 0; });`);
    expect(result.signal).toBe('SIGINT');
  });
});
