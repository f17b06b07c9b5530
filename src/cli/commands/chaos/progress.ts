import type { DrillProgress } from '../../../drill/drill.js';

const WIDTH = 24;
const LABEL: Record<DrillProgress['phase'], string> = {
  connecting: 'connecting watchers',
  driving: 'driving orders     ',
  converging: 'waiting to converge',
};

/** One line on stderr, redrawn in place; nothing at all when stderr is not a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = '';
  return {
    update(progress: DrillProgress): void {
      if (!enabled) return;
      const filled = progress.total ? Math.round((progress.done / progress.total) * WIDTH) : WIDTH;
      const line = `${LABEL[progress.phase]} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${progress.done}/${progress.total}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\u001b[K`);
    },
    done(): void {
      if (enabled && last) stream.write('\r\u001b[K');
    },
  };
}
