import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('README references in what rtc prints', () => {
  it('every README "Section" named in src is a heading of the README', () => {
    const headings = new Set(
      readFileSync(join(root, 'README.md'), 'utf8')
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => line.replace(/^#+ /, '').trim()),
    );
    const named = sources(join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/README "([^"]+)"/g)].map((match) => ({ file: file.slice(root.length + 1), section: match[1]! })),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ section }) => !headings.has(section))).toEqual([]);
  });
});
