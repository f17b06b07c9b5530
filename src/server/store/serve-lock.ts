import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { RtcError } from '../../protocol/errors.js';

/** What a serving server writes into `DB.lock`: who it is and where it listens. */
export interface ServeLockOwner {
  pid: number;
  host: string;
  /** Set once the server listens. */
  url?: string | undefined;
  startedAt: string;
}

/**
 * One server per SQLite file. Two servers on one file each broadcast only their own writes, so each
 * one's watchers would see the other's orders late; several nodes share PostgreSQL instead. The lock
 * is a file beside the database (`DB.lock`, JSON of ServeLockOwner, mode 0600), created exclusively;
 * a lock whose process is gone (kill -9, a crash) is taken over, so it never blocks a restart.
 */
export class ServeLock {
  private owner: ServeLockOwner;

  private constructor(
    private readonly path: string,
    owner: ServeLockOwner,
  ) {
    this.owner = owner;
  }

  /**
   * Takes the lock of the database at `dbPath`. Throws BAD_REQUEST (exit 2, like a port in use: a
   * start-up the operator can fix) naming the other server (pid, URL) when one is serving the file,
   * and what to do instead. Answers undefined when the folder takes no
   * file (missing, read-only): opening the store then fails with the message that names the fix.
   */
  static acquire(dbPath: string): ServeLock | undefined {
    const path = `${dbPath}.lock`;
    const owner: ServeLockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 5; attempt++) {
      let created: boolean;
      try {
        created = createWhole(path, JSON.stringify(owner) + '\n');
      } catch {
        return undefined;
      }
      if (created) return new ServeLock(path, owner);
      const text = readText(path);
      if (text === undefined) continue; // released meanwhile: try again
      const other = parseOwner(text);
      if (other && isAlive(other)) throw heldBy(dbPath, path, other);
      takeOver(path, text);
    }
    throw RtcError.badRequest(`cannot take the lock ${path}: another rtc serve is starting on ${dbPath}`, { hint: `try again, or delete ${path} if none is` });
  }

  /** Writes the URL the server listens on into the lock, for the message a second server gives. */
  announce(url: string): void {
    this.owner = { ...this.owner, url };
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.owner) + '\n', { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Removes the lock if it is still this server's. */
  release(): void {
    const owner = parseOwner(readText(this.path) ?? '');
    if (owner?.pid !== this.owner.pid || owner.startedAt !== this.owner.startedAt) return;
    try {
      unlinkSync(this.path);
    } catch {
      /* already gone */
    }
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): ServeLockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<ServeLockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as ServeLockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates `path` with `text` unless it exists, all at once: written aside, then hard-linked into place
 * (link fails if the name exists), so nobody ever reads a half-written lock. Answers whether it did.
 */
function createWhole(path: string, text: string): boolean {
  const temporary = `${path}.${process.pid}.new`;
  writeFileSync(temporary, text, { mode: 0o600 });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkSync(temporary);
  }
}

/**
 * Whether the lock's process still runs. On another machine (a shared folder) nobody can tell: alive.
 * A pid reused by a process that is not node is not a server; a zombie is dead.
 */
function isAlive(owner: ServeLockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${owner.pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
    const command = readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8');
    return /node|rtc/.test(command);
  } catch {
    return true; // no /proc (macOS): the pid answers, so take it as the server
  }
}

/**
 * Removes a stale lock, unless someone else replaced it meanwhile: the stale file is first moved aside
 * (atomic), and put back if what was moved is not the stale text that was judged.
 */
function takeOver(path: string, staleText: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it: the next attempt sees what is there now
  }
  const moved = readText(aside);
  // Not the stale lock but a live one created in between: put it back, never over a newer one.
  if (moved !== staleText && moved !== undefined) createWhole(path, moved);
  try {
    unlinkSync(aside);
  } catch {
    /* gone */
  }
}

function heldBy(dbPath: string, lockPath: string, other: ServeLockOwner): RtcError {
  const where = other.url ? `, listening on ${other.url}` : '';
  const machine = other.host === hostname() ? '' : ` on ${other.host}`;
  return RtcError.badRequest(`another rtc serve (pid ${other.pid}${machine}${where}) is serving ${dbPath}; two servers on one file miss each other's orders`, {
    hint: `stop it first; to run several nodes, share one store with --store postgres://... and --redis redis://...; if no such server runs, delete ${lockPath}`,
  });
}
