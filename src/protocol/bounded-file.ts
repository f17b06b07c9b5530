import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { RtcError } from './errors.js';

/** The most a PEM file given to a flag may hold (--ca, --tls-cert, --tls-key): a long chain is some 10 KiB. */
export const PEM_MAX_BYTES = 1024 * 1024;

/** How readBoundedFile reads: at most `maxBytes`, for the flag (or variable) named `flag`, with `hint` as the fix. */
export interface BoundedRead {
  maxBytes: number;
  /** What the user typed to give the path, e.g. "--ca": every message names it. */
  flag: string;
  /** What to do instead; default "point FLAG at a file of at most N". */
  hint?: string;
}

/**
 * The content of the regular file at `path`, read whole when it holds at most `maxBytes`. Opened with
 * O_NONBLOCK, so that a FIFO answers at once (and is then refused) instead of waiting for a writer;
 * judged by fstat of the open descriptor, not by the name, so that nothing swapped in between is read;
 * read to at most maxBytes + 1 whatever the size says (a /proc file says 0), so that nothing grows
 * without bound (`--ca /dev/zero` grew rtc to 1.8 GB).
 * @throws RtcError BAD_REQUEST (exit 2) naming the flag, the path and the fix, when the file cannot be
 *   opened (the errno), is not a regular file (a device, FIFO, socket or folder), or is larger.
 */
export function readBoundedFile(path: string, { maxBytes, flag, hint }: BoundedRead): Buffer {
  const fix = { hint: hint ?? `point ${flag} at a file of at most ${sizeText(maxBytes)}` };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw RtcError.badRequest(`cannot read ${flag} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { ...fix, cause: error });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw RtcError.badRequest(`${flag} ${path} is ${kindOf(stat)}, not a regular file`, fix);
    const tooBig = () => RtcError.badRequest(`${flag} ${path} is larger than ${sizeText(maxBytes)}`, fix);
    if (stat.size > maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > maxBytes) throw tooBig();
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
