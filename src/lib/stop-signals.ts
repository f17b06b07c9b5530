/** The signals that ask a long-running command to end: Ctrl-C, `kill`, and a closed terminal. */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/**
 * Calls `stop` once on the first of `signals`, and keeps later ones from killing the process until
 * the returned function is called.
 *
 * Why not `process.once`: signal-exit (loaded by proper-lockfile, which guards the profile while a
 * session renews) re-raises a signal when, as its listener runs, it is the only listener left. A
 * `once` listener has already removed itself by then, so `rtc watch` died by the signal (no exit
 * code) instead of ending with 0. Here the listener stays for the whole emit and is removed on the
 * next turn of the event loop.
 */
export function onStopSignals(stop: () => void, signals: readonly StopSignal[] = ['SIGINT', 'SIGTERM']): () => void {
  let stopped = false;
  const listener = () => {
    if (stopped) return;
    stopped = true;
    stop();
  };
  for (const signal of signals) process.on(signal, listener);
  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    setImmediate(() => {
      for (const signal of signals) process.off(signal, listener);
    });
  };
}
