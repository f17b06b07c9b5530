import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Why a path cannot be trusted, in two parts for the caller's typed error: what is wrong (`problem`,
 * naming the path) and what to do (`fix`, a command or a choice). This module knows no error codes
 * (src/lib imports nothing of rtc): the server and the client each turn a refusal into theirs.
 */
export interface PathRefusal {
  problem: string;
  fix: string;
}

/** Owner and permission checks mean nothing on Windows (no uid, no mode bits) or without a uid. */
const effectiveUid = (): number | undefined => (process.platform === 'win32' ? undefined : (process.geteuid?.() ?? process.getuid?.()));

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Whether the folder `dir` is one only this user (and root) can change, as ssh's StrictModes asks of
 * ~/.ssh: the folder itself must be owned by the effective uid (or root) and writable by nobody else
 * (group and others, sticky or not: in a shared sticky folder like /tmp, others cannot replace a file
 * once made, but they can create the ones not made yet, such as a database's -wal, which SQLite then
 * opens as its own); every folder above it (after resolving symbolic links) must be owned by the
 * effective uid or root and be writable by nobody else unless sticky, or whoever can write there could
 * swap the folder for their own. Undefined when it may be trusted, when it does not exist (the caller
 * says so its own way), and always on Windows.
 */
export function untrustedFolder(dir: string): PathRefusal | undefined {
  const uid = effectiveUid();
  if (uid === undefined) return undefined;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return undefined;
  }
  const own = statSync(real);
  if (own.uid !== uid && own.uid !== 0) {
    return { problem: `the folder ${dir} belongs to another user (uid ${own.uid}; rtc runs as uid ${uid}), who could plant files in it`, fix: 'choose a folder of your own' };
  }
  if (own.mode & 0o022) {
    const who = own.mode & 0o002 ? 'every user' : 'its group';
    return {
      problem: `the folder ${dir} can be written by ${who} (mode ${octal(own.mode)}), who could plant files in it`,
      fix: `chmod go-w ${dir}, or choose a folder only you can write (mkdir -m 700 DIR)`,
    };
  }
  for (let above = dirname(real); ; above = dirname(above)) {
    const stat = statSync(above);
    if (stat.uid !== uid && stat.uid !== 0) {
      return { problem: `the folder ${above}, above ${dir}, belongs to another user (uid ${stat.uid}), who could replace ${dir}`, fix: 'choose a folder whose parents are yours or root\'s' };
    }
    if (stat.mode & 0o022 && !(stat.mode & 0o1000)) {
      return {
        problem: `the folder ${above}, above ${dir}, can be written by other users (mode ${octal(stat.mode)}), who could replace ${dir}`,
        fix: `chmod go-w ${above} (or chmod +t ${above}), or choose another folder`,
      };
    }
    if (dirname(above) === above) return undefined;
  }
}

/** Rules of untrustedFile beyond its own: `writableByOthers` refuses a file group or others can write. */
export interface FileRules {
  writableByOthers?: boolean;
}

/**
 * Whether the file at `path`, when there is one, is this user's own regular file: not a symbolic link
 * (lstat: a link is not followed), not a device, FIFO or folder, and owned by the effective uid (root
 * too must own what it trusts). Undefined when there is no such file or on Windows. `what` names the
 * file in the problem ("the database", "the profiles file").
 */
export function untrustedFile(path: string, what: string, options: FileRules = {}): PathRefusal | undefined {
  const uid = effectiveUid();
  if (uid === undefined) return undefined;
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  return foreignStat(stat, path, what, uid, options);
}

/**
 * The refusal for a file already opened (fstat of its descriptor), by the rules of untrustedFile;
 * undefined when it may be trusted or on Windows.
 */
export function untrustedStat(stat: Stats, path: string, what: string, options: FileRules = {}): PathRefusal | undefined {
  const uid = effectiveUid();
  return uid === undefined ? undefined : foreignStat(stat, path, what, uid, options);
}

function foreignStat(stat: Stats, path: string, what: string, uid: number, options: FileRules): PathRefusal | undefined {
  if (stat.isSymbolicLink()) return { problem: `${what} ${path} is a symbolic link`, fix: `point at the real file (realpath ${path}), or remove the link` };
  if (!stat.isFile()) return { problem: `${what} ${path} is not a regular file`, fix: `remove it, or choose another path` };
  if (stat.uid !== uid) {
    return {
      problem: `${what} ${path} belongs to another user (uid ${stat.uid}; rtc runs as uid ${uid}), who could have planted it`,
      fix: `remove it if you did not make it, or chown ${uid} ${path} if you trust it`,
    };
  }
  if (options.writableByOthers && stat.mode & 0o022) {
    return { problem: `${what} ${path} can be written by other users (mode ${octal(stat.mode)})`, fix: `chmod go-w ${path} (check what it holds first)` };
  }
  return undefined;
}
