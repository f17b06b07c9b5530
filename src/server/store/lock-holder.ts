import { readFileSync, statSync } from 'node:fs';

/** A process that holds a lock on a file: its pid and, where the system says, its command line. */
export interface LockHolder {
  pid: number;
  command?: string | undefined;
}

/**
 * Who holds a write lock on one of `paths` (the database and its -shm file), other than this process.
 * Linux only (it reads /proc/locks, where SQLite's fcntl locks appear with the owner's pid);
 * undefined elsewhere or when nobody can be named. Cheap enough for an error path, not for a hot one.
 */
export function findLockHolder(paths: readonly string[]): LockHolder | undefined {
  let table: string;
  try {
    table = readFileSync('/proc/locks', 'utf8');
  } catch {
    return undefined;
  }
  const inodes = new Set<string>();
  for (const path of paths) {
    try {
      inodes.add(String(statSync(path).ino));
    } catch {
      /* the -shm file may not exist: nothing to look for there */
    }
  }
  for (const line of table.split('\n')) {
    // "1: POSIX  ADVISORY  WRITE 1234 fe:00:2172331 120 120"
    const fields = line.trim().split(/\s+/);
    const [, , , mode, pidText, device] = fields;
    const pid = Number(pidText);
    if (mode !== 'WRITE' || !(pid > 0) || pid === process.pid || !device) continue;
    if (!inodes.has(device.split(':').pop() ?? '')) continue;
    return { pid, command: commandOf(pid) };
  }
  return undefined;
}

function commandOf(pid: number): string | undefined {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return command.length > 80 ? `${command.slice(0, 77)}...` : command || undefined;
  } catch {
    return undefined;
  }
}
