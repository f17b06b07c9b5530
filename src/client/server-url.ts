import { RtcError } from '../protocol/errors.js';
import { redactedText } from '../protocol/redacted-url.js';

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * A server URL reduced to what names the server: scheme and host in lower case, the port (the
 * scheme's default filled in) and the path without trailing slashes; undefined when `url` is not
 * an http(s) URL. `HTTP://Host:80/` and `http://host` give the same answer; `localhost` and
 * `127.0.0.1` do not (a token is only ever sent to the name it was issued for).
 */
export function normalServerUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!(parsed.protocol in DEFAULT_PORT)) return undefined;
  const port = parsed.port || DEFAULT_PORT[parsed.protocol];
  return `${parsed.protocol}//${parsed.hostname.toLowerCase()}:${port}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Whether two server URLs name the same server (normalServerUrl); two unparsable ones only when equal as written. */
export function sameServer(a: string, b: string): boolean {
  const [left, right] = [normalServerUrl(a), normalServerUrl(b)];
  if (left === undefined || right === undefined) return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
  return left === right;
}

/**
 * Refuses a server URL that is not http(s) before anything is sent (`file:`, `ftp:`, `javascript:`, a
 * bare host): Node's own refusal ('Protocol "file:" not supported') would be an INTERNAL error.
 * `source` names where the URL came from ("--server", "RTC_SERVER", "profile \"default\"").
 * @throws RtcError BAD_REQUEST (exit 2) naming the source and an example.
 */
export function checkServerUrl(url: string, source = 'the server URL'): void {
  if (normalServerUrl(url) !== undefined) return;
  let scheme = '';
  try {
    scheme = ` (${new URL(url.trim()).protocol})`;
  } catch {
    /* not a URL at all: no scheme to name */
  }
  throw RtcError.badRequest(`${source} ${JSON.stringify(redactedText(url))} is not an http or https URL${scheme}`, { hint: 'give the server as http://HOST:PORT or https://HOST, e.g. http://127.0.0.1:4000' });
}
