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
 * `text` with the password of every URL in it (`scheme://user:password@`) replaced by `***`, and
 * nothing else changed (a URL stays as the user wrote it): for the client's messages that name a
 * server, and the last guard of every error printed to a terminal.
 */
export function redactedText(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*):[^\s/@]*@/gi, '$1:***@');
}
