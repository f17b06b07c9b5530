import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';

export interface WalCheckpointOptions {
  /** How often to look at the WAL, in ms. */
  intervalMs: number;
  /** A WAL smaller than this (bytes) is left alone. */
  minBytes: number;
}

/**
 * Gives the WAL file back to the file system when nobody needs it. SQLite's automatic checkpoints
 * copy the log into the database but never shrink the file, and a long read transaction (a backup,
 * a report) lets it grow without bound meanwhile: 100 MB beside a 4 MB database, until restart. Every
 * `intervalMs`, if the store is idle and the WAL is over `minBytes`, a TRUNCATE checkpoint copies it
 * and cuts it to zero. It never waits: with busy_timeout 0 a reader or writer of another process
 * makes it give up until the next round.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private readonly walPath: string;

  constructor(
    private readonly db: Database.Database,
    path: string,
    private readonly isIdle: () => boolean,
    private readonly options: WalCheckpointOptions,
  ) {
    this.walPath = `${path}-wal`;
  }

  /** Size of the WAL file in bytes (0 when there is none). */
  walBytes(): number {
    try {
      return statSync(this.walPath).size;
    } catch {
      return 0;
    }
  }

  start(): void {
    this.timer ??= setInterval(() => this.maybeCheckpoint(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Runs a TRUNCATE checkpoint if idle and over the size; answers whether the WAL is now empty. */
  maybeCheckpoint(): boolean {
    if (!this.db.open || !this.isIdle() || this.walBytes() < this.options.minBytes) return false;
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return result?.busy === 0;
    } catch {
      // Busy, or the file has a fault that the next write will report: try again next round.
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
