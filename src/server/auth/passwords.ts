import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function derive(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<{ passwordHash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  const key = await derive(password, salt);
  return { passwordHash: key.toString('hex'), salt };
}

export async function verifyPassword(password: string, record: { passwordHash: string; salt: string }): Promise<boolean> {
  const expected = Buffer.from(record.passwordHash, 'hex');
  const actual = await derive(password, record.salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
