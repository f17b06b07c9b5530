import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));
const env = { RTC_CONFIG_DIR: join(dir, 'config') };

// Attacker trial: `--ca /dev/zero` grew rtc to 1.8 GB and `--tls-cert /dev/zero` to 1 GB; a FIFO hung
// until killed. Each file flag is now read only when it is a regular file of at most 1 MiB.
describe('file flags of the built rtc: bounded and regular', () => {
  it('refuses --ca /dev/zero and a --ca FIFO at once, exit 2, naming the flag', async () => {
    const fifo = join(dir, 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of ['/dev/zero', fifo]) {
      const result = await rtc(['--ca', path, '--server', 'https://127.0.0.1:1', '--token', 'x', 'order', 'list'], { env, timeoutMs: 10_000 });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`--ca ${path.replace(/[/.]/g, '\\$&')} is a .*, not a regular file`));
    }
  });

  it('refuses --tls-cert /dev/zero and a --tls-key FIFO before serving, exit 2', async () => {
    const fifo = join(dir, 'key.fifo');
    execFileSync('mkfifo', [fifo]);
    const zero = await rtc(['serve', '--port', '0', '--db', ':memory:', '--tls-cert', '/dev/zero', '--tls-key', '/dev/zero'], { env, timeoutMs: 10_000 });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--tls-cert \/dev\/zero is a .*, not a regular file/);
    const pipe = await rtc(['serve', '--port', '0', '--db', ':memory:', '--tls-cert', join(dir, 'missing.pem'), '--tls-key', fifo], { env, timeoutMs: 10_000 });
    expect(pipe.code).toBe(2);
  });
});
