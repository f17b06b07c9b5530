/**
 * Scenario 7, board render: delegated to bench/board-render.js (written with the terminal UI, which
 * knows how to drive its own view); reported as not available while that file does not exist.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RENDER_BENCH = fileURLToPath(new URL('../board-render.js', import.meta.url));

export async function runBoardRender({ seconds }, progress) {
  if (!existsSync(RENDER_BENCH)) return { available: false, note: 'not available: bench/board-render.js does not exist yet', met: null };
  const { runBoardRenderBench } = await import(RENDER_BENCH);
  if (typeof runBoardRenderBench !== 'function') return { available: false, note: 'bench/board-render.js exports no runBoardRenderBench', met: null };
  progress(`200 open tickets, 100 events/s, ${seconds} s`);
  const result = await runBoardRenderBench({ seconds });
  const msPerFrame = result?.msPerFrame?.p99 ?? result?.msPerFrame?.p50 ?? result?.msPerFrame ?? result?.p99 ?? result?.p50;
  return { available: true, ...result, target: { msPerFrame: 16 }, met: typeof msPerFrame === 'number' ? msPerFrame <= 16 : null };
}
