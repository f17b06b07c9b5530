import { createSecureContext } from 'node:tls';
import { PEM_MAX_BYTES, readBoundedFile } from '../../protocol/bounded-file.js';
import { RtcError } from '../../protocol/errors.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** A regular file of at most 1 MiB (--tls-cert /dev/zero grew to 1 GB, a FIFO hung). */
function read(path: string, flag: string): Buffer {
  return readBoundedFile(path, { maxBytes: PEM_MAX_BYTES, flag, hint: 'point it at a PEM file' });
}

/** OpenSSL's own words, short ("no start line"), for the message after rtc's. */
function opensslReason(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return message.replace(/^error:[0-9A-F]+:/, '').replace(/^[^:]*routines::/, '');
}

/**
 * Loads each file into a throwaway TLS context, one at a time and then together, so a bad file is
 * named by its flag before the https server is made (where OpenSSL would say only "no start line").
 * @throws RtcError BAD_REQUEST naming the flag, the file and what to do.
 */
function checkTlsFiles(files: TlsFiles, certPath: string, keyPath: string): void {
  try {
    createSecureContext({ cert: files.cert });
  } catch (error) {
    throw RtcError.badRequest(`--tls-cert ${certPath} is not a PEM certificate (${opensslReason(error)})`, {
      hint: 'give the server certificate, the file that starts with -----BEGIN CERTIFICATE-----',
    });
  }
  try {
    createSecureContext({ key: files.key });
  } catch (error) {
    throw RtcError.badRequest(`--tls-key ${keyPath} is not an unencrypted PEM private key (${opensslReason(error)})`, {
      hint: 'give the private key, the file that starts with -----BEGIN PRIVATE KEY----- (or EC/RSA PRIVATE KEY), without a passphrase',
    });
  }
  try {
    createSecureContext(files);
  } catch (error) {
    throw RtcError.badRequest(`--tls-key ${keyPath} is not the key of --tls-cert ${certPath} (${opensslReason(error)})`, {
      hint: 'give the key the certificate was made for (openssl x509 -noout -pubkey -in CERT and openssl pkey -pubout -in KEY must match)',
    });
  }
}

/**
 * Both or neither: half a TLS setup is a mistake worth stopping for. Reads and checks the PEM files.
 * @throws RtcError BAD_REQUEST when one is missing, unreadable, not PEM, or the key is not the certificate's.
 */
export function readTlsFiles(certPath: string | undefined, keyPath: string | undefined): TlsFiles | undefined {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new RtcError('BAD_REQUEST', '--tls-cert and --tls-key go together: give both PEM files, or neither for plain http');
  const files = { cert: read(certPath, '--tls-cert'), key: read(keyPath, '--tls-key') };
  checkTlsFiles(files, certPath, keyPath);
  return files;
}
