import { readFileSync } from 'node:fs';
import { RtcError } from '../../protocol/errors.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

function read(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new RtcError('BAD_REQUEST', `cannot read ${flag} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): point it at a PEM file`);
  }
}

/** Both or neither: half a TLS setup is a mistake worth stopping for. */
export function readTlsFiles(certPath: string | undefined, keyPath: string | undefined): TlsFiles | undefined {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new RtcError('BAD_REQUEST', '--tls-cert and --tls-key go together: give both PEM files, or neither for plain http');
  return { cert: read(certPath, '--tls-cert'), key: read(keyPath, '--tls-key') };
}
