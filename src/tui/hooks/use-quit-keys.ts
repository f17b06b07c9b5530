import { useApp, useInput, useStdin } from 'ink';

/** q, esc and Ctrl-C quit: the read-only views have no other keys. */
export function useQuitKeys(): void {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      if (input === 'q' || key.escape || (key.ctrl && input === 'c')) exit();
    },
    { isActive: isRawModeSupported === true },
  );
}
