import chalk from 'chalk';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { speedUpInkOutput } from '../src/tui/ink-output-speedup.js';
import { asciiStandIn, restoreLine } from '../src/tui/model/ascii-stand-in.js';

// Ink's Output (not exported by Ink): the faster get() must build the string Ink's own get() builds,
// byte for byte, for any writes, styles, wide characters, clips and transforms.
type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = { new (size: { width: number; height: number }): OutputLike; prototype: { get(): { output: string; height: number } } };

let Output: OutputClass;
let stockGet: () => { output: string; height: number };

beforeAll(async () => {
  chalk.level = 1;
  ({ default: Output } = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as { default: OutputClass });
  stockGet = Output.prototype.get;
  expect(await speedUpInkOutput()).toBe(true);
  expect(Output.prototype.get).not.toBe(stockGet);
});

const STYLES = [(s: string) => s, chalk.bold, chalk.dim, chalk.inverse, chalk.red, chalk.cyan.bold, chalk.bgYellow.black, chalk.italic.underline, (s: string) => chalk.dim(`${chalk.green(s)}x`)];
const piece = fc.tuple(
  fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('2× Burger', '· no onions', '山田', '🍕', 'é', 'Chloé', '┃', '…', ' ', '', 'abc def')),
  fc.nat(STYLES.length - 1),
);
const text = fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }).map((lines) =>
  lines.map((pieces) => pieces.map(([value, style]) => STYLES[style]!(value.replace(/[\n\u001b]/g, ' '))).join('')).join('\n'),
);
const operation = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('write' as const), x: fc.nat(30), y: fc.nat(12), text, upper: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('clip' as const), x1: fc.option(fc.nat(20)), x2: fc.option(fc.nat(40)), y1: fc.option(fc.nat(6)), y2: fc.option(fc.nat(14)) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);

type Op = { type: 'write'; x: number; y: number; text: string; upper: boolean } | { type: 'clip'; x1: number | null; x2: number | null; y1: number | null; y2: number | null } | { type: 'unclip' };

/** A frame's writes and clips, as Ink's renderer makes them (every clip closed by an unclip it already has). */
function replay(operations: readonly Op[], width: number, height: number): OutputLike {
  const output = new Output({ width, height });
  let open = 0;
  for (const op of operations) {
    if (op.type === 'write') output.write(op.x, op.y, op.text, { transformers: op.upper ? [(line) => line.toUpperCase()] : [] });
    else if (op.type === 'clip') {
      output.clip({ x1: op.x1 ?? undefined, x2: op.x2 ?? undefined, y1: op.y1 ?? undefined, y2: op.y2 ?? undefined });
      open++;
    } else if (open > 0) {
      output.unclip();
      open--;
    }
  }
  return output;
}

describe("Ink's output, built faster", () => {
  it('is the string Ink 6.8 builds, byte for byte', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 14 }), (operations, width, height) => {
        const list: readonly Op[] = operations;
        // Twice over, as frames: the second get() reads what the first one cached.
        for (let frame = 0; frame < 2; frame++) {
          const expected = stockGet.call(replay(list, width, height));
          expect(replay(list, width, height).get()).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('ASCII stand-ins', () => {
  it('keep the width and come back as the original line, styles and all', () => {
    fc.assert(
      // Styles only (the last of STYLES adds a character, which no Text of the board does).
      fc.property(fc.array(fc.tuple(fc.constantFrom('2× ', 'Burger', '· mod', '…', '—', '▸1 ', 'Chloé', 'abc', ' '), fc.nat(STYLES.length - 2)), { minLength: 1, maxLength: 5 }), (pieces) => {
        const original = pieces.map(([text]) => text).join('');
        const standIn = asciiStandIn(original);
        if (standIn === undefined) {
          expect(original).toMatch(/^[ -~]*$/);
          return;
        }
        expect(standIn).toMatch(/^[ -~]*$/);
        expect(standIn).toHaveLength(original.length);
        let at = 0;
        const styled = (texts: string) =>
          pieces
            .map(([text, style]) => {
              const part = texts.slice(at, at + text.length);
              at += text.length;
              return STYLES[style]!(part);
            })
            .join('');
        const drawn = styled(standIn);
        at = 0;
        expect(restoreLine(drawn, standIn, original)).toBe(styled(original));
      }),
    );
  });

  it('leave a line alone that holds a wide, combining or astral character, or that is not the stand-in', () => {
    expect(asciiStandIn('2× 山田')).toBeUndefined();
    expect(asciiStandIn('🍕 Fan')).toBeUndefined();
    expect(asciiStandIn('e\u0301')).toBeUndefined();
    expect(asciiStandIn('plain')).toBeUndefined();
    expect(restoreLine('2x Fries', '2x Burger', '2× Burger')).toBe('2x Fries');
  });
});
