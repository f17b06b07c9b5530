import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';

const UNIT = new URL('../deploy/systemd/rtc.service', import.meta.url);
const dir = tempDir();
afterAll(() => removeDir(dir));

describe('deploy/systemd/rtc.service', () => {
  const text = readFileSync(UNIT, 'utf8');

  it('has the hardening a service should have', () => {
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=rtc',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
      'MemoryDenyWriteExecute=no',
      'UMask=0077',
      'Environment=RTC_DB=/var/lib/rtc/rtc.db',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('sets only variables that rtc serve reads', async () => {
    const help = (await rtc(['serve', '--help'])).stdout.replace(/\s+/g, ' ');
    const names = [...text.matchAll(/^Environment=(RTC_[A-Z_]+)=/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect(help).toContain(`env: ${name})`);
  });

  it('passes systemd-analyze verify', () => {
    if (spawnSync('systemd-analyze', ['--version']).status !== 0) {
      console.warn('skipped: systemd-analyze is not installed');
      return;
    }
    // verify insists that ExecStart exists; the installed rtc is not here, so point it at node.
    const copy = join(dir, 'rtc.service');
    writeFileSync(copy, text.replace(/^ExecStart=.*$/m, `ExecStart=${process.execPath} --version`));
    const output = execFileSync('systemd-analyze', ['verify', copy], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output.trim()).toBe('');
  });
});
