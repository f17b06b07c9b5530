import { X509Certificate } from 'node:crypto';
import { PEM_MAX_BYTES, readBoundedFile } from '../../protocol/bounded-file.js';
import { RtcError } from '../../protocol/errors.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads --ca: a PEM file of one or more CA certificates to trust. Node takes any bytes as a CA list
 * without a word, and the connection then fails as "cannot trust", so the file is checked here.
 * @throws RtcError BAD_REQUEST when the file cannot be read, is not a regular file of at most 1 MiB,
 *   or holds no PEM certificate.
 */
export function readCa(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  // A regular file of at most 1 MiB: --ca /dev/zero grew to 1.8 GB, and a FIFO hung.
  const ca = readBoundedFile(path, { maxBytes: PEM_MAX_BYTES, flag: '--ca', hint: 'point it at the PEM file of the CA that signed the server certificate' });
  const blocks = ca.toString('latin1').match(PEM_CERTIFICATE) ?? [];
  const hint = 'give the CA certificate in PEM, the file that starts with -----BEGIN CERTIFICATE----- (from DER: openssl x509 -inform der -in FILE -out ca.pem)';
  if (blocks.length === 0) throw RtcError.badRequest(`--ca ${path} holds no PEM certificate`, { hint });
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw RtcError.badRequest(`--ca ${path} holds a certificate that does not parse (${(error as Error).message})`, { hint });
    }
  }
  return ca;
}
