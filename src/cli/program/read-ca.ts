import { readFileSync } from 'node:fs';
import { RtcError } from '../../protocol/errors.js';

export function readCa(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new RtcError('BAD_REQUEST', `cannot read --ca ${path}: ${(error as Error).message}`);
  }
}
