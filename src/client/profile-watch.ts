import { watch, type FSWatcher } from 'node:fs';
import { RtcError } from '../protocol/errors.js';
import type { Profile } from './profile-store.js';

/** How often the profile is read when no file event comes (a folder fs.watch cannot follow: missing, network file system). */
const POLL_MS = 2000;

/**
 * Resolves with the profile once `isNew` holds for it: watches the profiles' folder (conf writes a
 * temporary file and renames it, so the folder sees the change, not the old file), and reads the
 * profile every 2 s as well in case no event comes. Rejects with the abort reason when `signal` aborts.
 */
export function untilNewLogin(
  read: () => Promise<Profile | undefined>,
  isNew: (profile: Profile) => boolean,
  folder: string,
  signal: AbortSignal,
): Promise<Profile> {
  return new Promise((resolve, reject) => {
    let watcher: FSWatcher | undefined;
    let checking = false;
    const done = () => {
      clearInterval(poll);
      watcher?.close();
      signal.removeEventListener('abort', onAbort);
    };
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const profile = await read();
        if (profile && isNew(profile) && !signal.aborted) (done(), resolve(profile));
      } finally {
        checking = false;
      }
    };
    const onAbort = () => (done(), reject(signal.reason ?? new RtcError('INTERNAL', 'stopped waiting for a login')));
    const poll = setInterval(() => void check(), POLL_MS);
    try {
      watcher = watch(folder, { persistent: false }, () => void check());
      watcher.on('error', () => watcher?.close());
    } catch {
      // No folder yet (never logged in here): the poll finds the login once there is one.
    }
    signal.addEventListener('abort', onAbort, { once: true });
    void check();
  });
}
