import { useApp, useInput, useStdin } from 'ink';
import { splitKeys } from '../model/key-chunks.js';

/** q, esc and Ctrl-C quit: the read-only views have no other keys. */
export function useQuitKeys(): void {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (chunk, keys) => {
      for (const { input, key } of splitKeys(chunk, keys)) if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return exit();
    },
    { isActive: isRawModeSupported === true },
  );
}
