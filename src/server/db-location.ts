import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RtcError } from '../protocol/errors.js';
import { checkStoreFiles } from './store/private-files.js';

/**
 * Checks, before SQLite tries, that a database file can be made at `path`: SQLite's own failures
 * ("unable to open database file") do not say that the fix is a folder to create or to choose.
 * Then that nobody else could have planted or can swap its files (checkStoreFiles): a --db that is a
 * symbolic link is refused, not followed.
 * Throws BAD_REQUEST naming the folder and the fix; ':memory:' always passes.
 */
export function checkDbLocation(path: string): void {
  if (path === ':memory:') return;
  if (isSymlink(path)) {
    // Refused, not resolved: a link in a folder someone else can write may be swapped after the check.
    throw RtcError.badRequest(`--db ${path} is a symbolic link`, { hint: `give the real path (realpath ${path}) if you made the link, or remove it` });
  }
  if (isFolder(path)) {
    throw RtcError.badRequest(`${path} is a folder, not a database file`, { hint: `point --db at a file in it, e.g. --db ${path.replace(/\/+$/, '')}/rtc.db` });
  }
  const folder = dirname(path);
  const cannot = `cannot open ${path} for writing`;
  let stat;
  try {
    stat = statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw RtcError.badRequest(`${cannot}: its folder ${folder} does not exist`, { hint: `create it (mkdir -p ${folder}) or choose another --db`, cause: error });
    if (code === 'ENOTDIR') throw RtcError.badRequest(`${cannot}: ${folder} is not a folder`, { hint: 'choose another --db', cause: error });
    throw RtcError.badRequest(`${cannot}: cannot read its folder ${folder} (${code ?? String(error)})`, { hint: 'check its permissions or choose another --db', cause: error });
  }
  if (!stat.isDirectory()) throw RtcError.badRequest(`${cannot}: ${folder} is not a folder`, { hint: 'choose another --db' });
  try {
    // SQLite writes the WAL and the JWT secret beside the file, so the folder must be writable, not only the file.
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw RtcError.badRequest(`${cannot}: its folder ${folder} is not writable`, { hint: 'check its permissions or choose another --db', cause: error });
  }
  checkStoreFiles(path);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
