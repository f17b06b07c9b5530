import { useInput, useStdin } from 'ink';
import { useCallback, useRef } from 'react';
import { keyToCommand, type BoardCommand, type BoardMode } from '../model/board-keys.js';
import { splitKeys } from '../model/key-chunks.js';

/**
 * Routes key presses, read in the current mode, to the board's command handler; several keys that
 * arrived in one read are each routed, in order (see splitKeys). Ink re-subscribes a
 * handler only when effects run, which can be after the next key arrives; reading mode and handler
 * from a ref set at render means a fast typist is never served by an older screen.
 */
export function useKeymap(mode: () => BoardMode, onCommand: (command: BoardCommand) => void, extraKeys: readonly string[] = []): void {
  const latest = useRef({ mode, onCommand, extraKeys });
  latest.current = { mode, onCommand, extraKeys };
  const handle = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    // Keys that came in one read are each a key, in order; each reads the mode the one before left.
    for (const press of splitKeys(input, key)) {
      const { mode: currentMode, onCommand: run, extraKeys: extras } = latest.current;
      const command = keyToCommand(currentMode(), press.input, press.key, extras);
      if (command) run(command);
    }
  }, []);
  // Without a terminal to read keys from (stdin redirected), the board still shows; signals quit it.
  // (Ink gives stdin.isTTY as it is: undefined, not false, for a file or /dev/null.)
  const { isRawModeSupported } = useStdin();
  useInput(handle, { isActive: isRawModeSupported === true });
}
