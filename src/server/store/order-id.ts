import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L or U: ids are read out across a kitchen. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 6;

export function newOrderId(): string {
  let id = '';
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}
