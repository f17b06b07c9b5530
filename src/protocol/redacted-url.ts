/**
 * A service URL as it may appear in logs and messages: without its password (`user:***@`). Used for
 * store and Redis URLs by the server and for server URLs by the client: `--server
 * http://user:pa55@host` must never be printed back.
 */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(an unparsable URL)';
  }
}

/**
 * `text` with the password of every URL in it (`scheme://user:password@`) replaced by `***`: the last
 * guard of a message printed to a terminal, for a URL that reached it unredacted.
 */
export function redactedText(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*):[^\s/@]*@/gi, '$1:***@');
}
