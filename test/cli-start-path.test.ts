import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RTC_BIN } from './helpers/cli.js';

const RECORDER = fileURLToPath(new URL('./fixtures/record-module-loads.mjs', import.meta.url));

/** The module URLs `rtc ...args` resolves, run as a user would (built bin, its own process). */
function moduleLoads(args: string[]): Promise<{ code: number | null; urls: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RECORDER, RTC_BIN, ...args], {
      // Port 1 refuses at once: the command loads all of its code, then ends UNREACHABLE (6).
      env: { ...process.env, RTC_SERVER: 'http://127.0.0.1:1', RTC_TOKEN: 'not-a-real-token', NO_COLOR: '1', RTC_CONFIG_DIR: '/nonexistent-rtc-config' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((candidate) => candidate.startsWith('MODULE-LOADS '));
      if (!line) reject(new Error(`no module list on stderr: ${stderr}`));
      else resolve({ code, urls: JSON.parse(line.slice('MODULE-LOADS '.length)) as string[] });
    });
  });
}

describe('start-up path of a one-shot command (issue 10: rtc order advance must not start slower)', () => {
  it('loads rtc order advance from the bundle in a handful of files, with commander inside it', async () => {
    const { code, urls } = await moduleLoads(['order', 'advance', 'K7M2QX']);
    expect(code).toBe(6);
    const files = urls.filter((url) => url.startsWith('file:') && !url.endsWith('/bin/rtc.js'));
    const own = files.filter((url) => !url.includes('/node_modules/'));
    // Every file of rtc's own comes from the bundle; the tsc output of dist/cli/... would be ~19 files; the bundle has 5 (main, runtime, program, http-client, order-commands).
    expect(own.filter((url) => !url.includes('/dist/bundle/'))).toEqual([]);
    expect(own.length).toBeLessThanOrEqual(6);
    // The only package read from node_modules is chalk (one copy, shared with Ink: see
    // scripts/bundle-bin.mjs); commander is bundled, and nothing of the server, the TUI or the socket
    // client (zod, socket.io, ink) is on this path.
    const packages = new Set(files.filter((url) => url.includes('/node_modules/')).map((url) => url.split('/node_modules/').pop()!.split('/')[0]));
    expect([...packages]).toEqual(['chalk']);
  });
});
