import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import { RtcError } from '../../protocol/errors.js';

/** The address a request came from, as the per-address limits count it. */
export type ClientAddressOf = (request: IncomingMessage) => string;

/**
 * How to tell a client's address. Without trusted proxies it is the TCP peer: X-Forwarded-For is
 * written by whoever sends the request, so it is ignored. With `trusted` (`--trust-proxy`: addresses,
 * CIDR ranges, or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`), a request from a trusted
 * peer is counted for the nearest address in its X-Forwarded-For that is not trusted, as proxy-addr
 * (express's reading of the header) finds it. Behind nginx on the same machine that is `loopback`;
 * without it, every client shares nginx's address and one client's failed logins lock out them all.
 *
 * @throws RtcError BAD_REQUEST when an entry of `trusted` is neither an address, a range nor a name.
 */
export function clientAddressOf(trusted: readonly string[] = []): ClientAddressOf {
  if (trusted.length === 0) return (request) => request.socket.remoteAddress ?? 'unknown';
  const trust = compileTrust(trusted);
  return (request) => {
    if (!request.socket.remoteAddress) return 'unknown';
    return proxyAddr(request, trust);
  };
}

/**
 * Whether an address (a TCP peer) is one of the trusted proxies; undefined without any.
 * @throws RtcError BAD_REQUEST as `clientAddressOf` does.
 */
export function trustedProxy(trusted: readonly string[] = []): ((address: string) => boolean) | undefined {
  if (trusted.length === 0) return undefined;
  const trust = compileTrust(trusted);
  return (address) => trust(address, 0);
}

function compileTrust(trusted: readonly string[]): (address: string, hop: number) => boolean {
  try {
    return proxyAddr.compile([...trusted]);
  } catch (error) {
    throw RtcError.badRequest(`--trust-proxy: ${(error as Error).message}`, {
      hint: 'give addresses or CIDR ranges, e.g. --trust-proxy loopback or --trust-proxy 10.0.0.0/8,127.0.0.1',
    });
  }
}
