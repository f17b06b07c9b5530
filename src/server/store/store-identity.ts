import { statSync } from 'node:fs';
import { RtcError } from '../../protocol/errors.js';

/**
 * The identity (device and inode) of the database file as it was opened. A file deleted or replaced
 * under a running server still takes writes through the open handle, but nobody will ever read them
 * again: a restart opens whatever is at the path now. `check` before confirming writes catches that.
 */
export class StoreIdentity {
  private gone: RtcError | undefined;

  private constructor(
    private readonly path: string,
    private readonly dev: number,
    private readonly ino: number,
  ) {}

  /** The identity of the file at `path` now; undefined for ':memory:'. */
  static of(path: string): StoreIdentity | undefined {
    if (path === ':memory:' || path === '') return undefined;
    const stat = statSync(path);
    return new StoreIdentity(path, stat.dev, stat.ino);
  }

  /**
   * Throws UNAVAILABLE when the file at the path is no longer the one opened (deleted, replaced, moved
   * away); once seen, for good: the writes of this process can no longer reach the file at the path.
   * `onGone` is called the first time, to log it. One stat call (a few microseconds) per call.
   */
  check(onGone?: (error: RtcError) => void): void {
    if (this.gone) throw this.gone;
    let now: { dev: number; ino: number } | undefined;
    try {
      now = statSync(this.path);
    } catch {
      now = undefined;
    }
    if (now && now.dev === this.dev && now.ino === this.ino) return;
    const what = now ? 'was replaced by another file' : 'was deleted';
    this.gone = RtcError.unavailable(`the database file ${this.path} ${what} while the server ran: writes are refused, since nobody would see them after a restart`, {
      hint: 'put the file back (or restore a backup, README "Backing up and restoring") and restart rtc serve',
    });
    onGone?.(this.gone);
    throw this.gone;
  }
}
