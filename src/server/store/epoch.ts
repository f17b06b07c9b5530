import { randomBytes } from 'node:crypto';

export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}
