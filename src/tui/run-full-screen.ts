import { render, type RenderOptions } from 'ink';
import type { ReactNode } from 'react';
import { onStopSignals } from '../lib/stop-signals.js';
import { speedUpInkOutput } from './ink-output-speedup.js';
import { keepAttributes } from './terminal-styles.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

/**
 * Ink's options for a full screen, besides the streams: the keys handle Ctrl-C (it quits like q), console
 * output is kept off the frame, and frames are drawn at most 20 times a second. Shared with
 * bench/board-render.js, so the benchmark draws frames the way `rtc watch` does.
 */
export const FULL_SCREEN_RENDER_OPTIONS = { exitOnCtrlC: false, patchConsole: true, maxFps: 20 } as const satisfies RenderOptions;

/**
 * What a full screen sets up before its first frame, besides the terminal: bold, inverse and dim kept
 * whatever colour support was detected (terminal-styles.ts), and Ink's output built faster, to the same
 * frames (ink-output-speedup.ts: Ink 6.8 spends most of a big board's frame there). Shared with
 * bench/board-render.js, so the benchmark draws what `rtc watch` draws, the same way.
 */
export async function prepareFullScreen(): Promise<void> {
  keepAttributes();
  await speedUpInkOutput();
}

/**
 * Runs a screen the way k9s or htop does: on the alternate screen, so quitting gives the terminal back
 * as it was. Resolves when the screen exits; rejects with the error it exited with. The terminal is
 * restored however it ends, a crash included.
 */
export async function runFullScreen(screen: ReactNode, stdout: NodeJS.WriteStream = process.stdout): Promise<void> {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  await prepareFullScreen();
  stdout.write(ENTER_ALT_SCREEN);
  process.once('exit', restore);
  const instance = render(screen, { ...FULL_SCREEN_RENDER_OPTIONS, stdout });
  // A signal from outside (kill, a closed terminal) ends the screen like q does, so it is restored too.
  const stop = () => instance.unmount();
  const stopSignals = onStopSignals(stop, ['SIGINT', 'SIGTERM', 'SIGHUP']);
  try {
    await instance.waitUntilExit();
  } finally {
    stopSignals();
    instance.cleanup();
    restore();
    process.off('exit', restore);
  }
}
