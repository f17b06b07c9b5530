import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What `npm pack` would put in the package, without installing it (e2e-package-install does the
 * install): a file the README tells an owner to copy must be in the tarball they get.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
let packed: string[] = [];

beforeAll(() => {
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of the other test files running now.
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
  packed = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}, 180_000);

describe('the package files', () => {
  it('hold the systemd unit and the nginx example', () => {
    expect(packed).toEqual(expect.arrayContaining(['deploy/systemd/rtc.service', 'deploy/nginx/rtc.conf']));
  });

  it('hold every deploy/ file the README names, and the README says where an installed copy finds them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const named = [...new Set([...readme.matchAll(/\bdeploy\/[\w./-]*\w/g)].map((match) => match[0]).filter((path) => /\.\w+$/.test(path)))];
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named.filter((path) => !packed.includes(path))).toEqual([]);
    expect(readme).toContain('$(npm root -g)/rtc-order-board/deploy/');
  });
});
