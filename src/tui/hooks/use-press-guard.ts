import { useRef } from 'react';

/** How long a repeat of the same key on the same ticket counts as a bounce, like a bump bar's debounce. */
export const PRESS_GUARD_MS = 300;

/**
 * A bump bar's debounce: `bounced(key, target)` is true when the same key was pressed on the same target
 * less than `guardMs` ago (real time, whatever clock the board shows), so a double press acts once.
 * A different key, or the same key on another ticket, always acts.
 */
export function usePressGuard(guardMs = PRESS_GUARD_MS, clock: () => number = Date.now): (key: string, target: string) => boolean {
  const last = useRef<{ key: string; target: string; at: number } | undefined>(undefined);
  return (key, target) => {
    const at = clock();
    const previous = last.current;
    last.current = { key, target, at };
    return previous !== undefined && previous.key === key && previous.target === target && at - previous.at < guardMs;
  };
}
