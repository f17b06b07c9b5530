import { useInput } from 'ink';
import { keyToCommand, type BoardCommand, type BoardMode } from '../model/board-keys.js';

/** Routes key presses, read in the current mode, to the board's command handler. */
export function useKeymap(mode: BoardMode, onCommand: (command: BoardCommand) => void, extraKeys: readonly string[] = []): void {
  useInput((input, key) => {
    const command = keyToCommand(mode, input, key, extraKeys);
    if (command) onCommand(command);
  });
}
