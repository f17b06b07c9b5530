import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PEM_MAX_BYTES, readBoundedFile } from '../src/protocol/bounded-file.js';
import { RtcError } from '../src/protocol/errors.js';
import { removeDir, tempDir } from './helpers/server.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

/** The BAD_REQUEST readBoundedFile throws for `path`, as "message: hint". */
function refusal(path: string, maxBytes = PEM_MAX_BYTES): string {
  try {
    readBoundedFile(path, { maxBytes, flag: '--ca' });
  } catch (error) {
    expect(error).toBeInstanceOf(RtcError);
    expect((error as RtcError).code).toBe('BAD_REQUEST');
    return (error as RtcError).sentence;
  }
  throw new Error(`${path} was read`);
}

describe('readBoundedFile: a flag\'s file, bounded and regular (attacker trial: --ca /dev/zero grew to 1.8 GB, a FIFO hung)', () => {
  it('refuses a character device at once, naming the flag and the fix', () => {
    const started = Date.now();
    expect(refusal('/dev/zero')).toMatch(/^--ca \/dev\/zero is a character device, not a regular file: point --ca at a file of at most 1 MiB$/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toMatch(/is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a folder, a missing file (with the errno) and a file over the limit', () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(refusal(folder)).toMatch(/is a folder/);
    expect(refusal(join(dir, 'nope.pem'))).toMatch(/^cannot read --ca .*nope\.pem \(ENOENT\)/);
    const big = join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(PEM_MAX_BYTES + 1, 65));
    expect(refusal(big)).toMatch(/is larger than 1 MiB/);
    expect(refusal('/proc/self/status', 16)).toMatch(/is larger than 16 bytes/); // size 0 on stat, bounded by the read
  });

  it('reads a regular file up to the limit whole', () => {
    const file = join(dir, 'ok.pem');
    writeFileSync(file, Buffer.alloc(PEM_MAX_BYTES, 66));
    expect(readBoundedFile(file, { maxBytes: PEM_MAX_BYTES, flag: '--ca' }).length).toBe(PEM_MAX_BYTES);
  });
});
