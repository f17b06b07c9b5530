import { resolveContext, type ClientContext } from '../../client/context.js';
import { HttpClient, type HttpClientOptions } from '../../client/http-client.js';
import type { GlobalFlags } from './global-flags.js';
import { inertAnswer } from './inert-answer.js';
import { readCa } from './read-ca.js';

/** The HTTP client a one-shot command talks through, with its context resolved (flags > env > profile). */
export async function httpClientFor(flags: GlobalFlags): Promise<{ http: HttpClient; context: ClientContext }> {
  const context = await resolveContext(flags);
  return { http: cliHttpClient({ server: context.server, token: context.token, ca: readCa(flags.ca) }, flags), context };
}

/**
 * An HTTP client for a command's output: with `--json` answers come as the server sent them (printed
 * escaped by `printJson`); otherwise every string in every answer is made inert (`inertAnswer`) before
 * any table or line is built from it.
 */
export function cliHttpClient(options: HttpClientOptions, flags: GlobalFlags): HttpClient {
  return flags.json ? new HttpClient(options) : new InertHttpClient(options);
}

class InertHttpClient extends HttpClient {
  override request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return super.request<T>(method, path, body).then(inertAnswer);
  }
}
