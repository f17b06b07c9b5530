import { resolveContext, type ClientContext } from '../../client/context.js';
import { HttpClient } from '../../client/http-client.js';
import type { GlobalFlags } from './global-flags.js';
import { readCa } from './read-ca.js';

/** The HTTP client a one-shot command talks through, with its context resolved (flags > env > profile). */
export async function httpClientFor(flags: GlobalFlags): Promise<{ http: HttpClient; context: ClientContext }> {
  const context = await resolveContext(flags);
  return { http: new HttpClient({ server: context.server, token: context.token, ca: readCa(flags.ca) }), context };
}
