import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of the README's "Architecture" section, checked on the source itself: which area
 * may import which, and no import cycle anywhere (type-only imports count: a cycle of types is still
 * two files that cannot be understood one without the other).
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Areas an area must never import. Every area may import protocol and lib. */
const FORBIDDEN: Record<string, readonly string[]> = {
  protocol: ['domain', 'server', 'client', 'cli', 'tui', 'drill', 'bench'],
  lib: ['protocol', 'domain', 'server', 'client', 'cli', 'tui', 'drill', 'bench'],
  domain: ['server', 'client', 'cli', 'tui', 'drill', 'bench'],
  server: ['client', 'cli', 'tui', 'drill', 'bench'],
  client: ['server', 'cli', 'tui', 'drill', 'bench'],
  tui: ['server', 'cli', 'drill', 'bench'],
  drill: ['cli', 'tui', 'bench'],
  bench: ['cli', 'tui'],
  cli: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Relative imports of a file, static and dynamic, resolved to source paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2]!,
  );
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '');
      for (const candidate of [`${target}.ts`, `${target}.tsx`, join(target, 'index.ts')]) {
        try {
          readFileSync(candidate);
          return candidate;
        } catch {
          // try the next form
        }
      }
      throw new Error(`${relative(root, file)} imports ${specifier}, which does not exist`);
    });
}

const areaOf = (file: string) => relative(src, file).split('/')[0]!.replace(/\.tsx?$/, '');

const files = sourceFiles(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every cycle found by a depth-first walk, each as the files around it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(src, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('architecture', () => {
  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(src, 'cli', 'main.ts'))?.length).toBeGreaterThan(0);
  });

  it('has no import cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keeps every import inside the layer rules', () => {
    const broken: string[] = [];
    for (const [file, imports] of graph) {
      const from = areaOf(file);
      const forbidden = FORBIDDEN[from];
      if (!forbidden) continue;
      for (const target of imports) {
        if (forbidden.includes(areaOf(target))) broken.push(`${relative(src, file)} imports ${relative(src, target)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('knows every area of src/', () => {
    const areas = new Set(files.map(areaOf).filter((area) => area !== 'main'));
    expect([...areas].filter((area) => !(area in FORBIDDEN))).toEqual([]);
  });

  it('names every test file after the area of src/ it covers (test/README.md)', () => {
    const prefixes = [...Object.keys(FORBIDDEN), 'e2e', 'architecture'];
    const tests = readdirSync(join(root, 'test')).filter((name) => /\.test\.tsx?$/.test(name));
    expect(tests.filter((name) => !prefixes.some((prefix) => name.startsWith(`${prefix}-`) || name.startsWith(`${prefix}.`)))).toEqual([]);
  });
});
