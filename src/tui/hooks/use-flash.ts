import { useCallback, useEffect, useRef, useState } from 'react';

export type FlashTone = 'info' | 'ok' | 'error';

export interface Flash {
  text: string;
  tone: FlashTone;
}

/** A one-line message that clears itself: what a bump did, why it was refused, what the server said. */
export function useFlash(lifetimeMs = 6000): { flash: Flash | undefined; show: (text: string, tone?: FlashTone) => void } {
  const [flash, setFlash] = useState<Flash | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const show = useCallback(
    (text: string, tone: FlashTone = 'info') => {
      clearTimeout(timer.current);
      setFlash({ text, tone });
      timer.current = setTimeout(() => setFlash(undefined), lifetimeMs);
    },
    [lifetimeMs],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return { flash, show };
}
