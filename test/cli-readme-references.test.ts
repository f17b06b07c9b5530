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

  it('the README\'s user sections cite no src/ file that an installed package lacks, unless they say it is in the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    // The sections for people working on rtc itself, read in a clone, may name source files freely.
    const forDevelopers = /^#+ (Architecture|Testing|Performance)\b/;
    const unsaid: string[] = [];
    let section = '';
    for (const paragraph of readme.split(/\n\s*\n/)) {
      const heading = paragraph.split('\n').find((line) => /^#{1,3} /.test(line));
      if (heading) section = heading;
      if (forDevelopers.test(section)) continue;
      if (/`src\//.test(paragraph) && !paragraph.includes('in the repository')) unsaid.push(paragraph.slice(0, 120));
    }
    expect(unsaid).toEqual([]);
  });
});
