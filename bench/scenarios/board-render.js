/**
 * Scenario 7, board render: delegated to bench/board-render.js (written with the terminal UI, which
 * knows how to drive its own view: 200 open tickets, 100 events a second, wide and 80x24 layouts).
 * The target is judged on CPU time per frame (p95), as that file does: on a shared machine the
 * wall-clock time per frame mostly measures the other processes. Both are reported.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RENDER_BENCH = fileURLToPath(new URL('../board-render.js', import.meta.url));

export async function runBoardRender({ seconds }, progress) {
  if (!existsSync(RENDER_BENCH)) return { available: false, note: 'not available: bench/board-render.js does not exist yet', met: null };
  const { runBoardRenderBench } = await import(RENDER_BENCH);
  if (typeof runBoardRenderBench !== 'function') return { available: false, note: 'bench/board-render.js exports no runBoardRenderBench', met: null };
  progress(`200 open tickets, 100 events/s, ${seconds} s per layout`);
  const result = await runBoardRenderBench({ seconds });
  return { available: true, ...result, target: { cpuMsPerFrameP95: 16 }, met: result.ok === true };
}
