import type { AccountsApi } from '../../client/accounts-api.js';
import { resolveContext, type ClientContext } from '../../client/context.js';
import { HttpClient, type HttpClientOptions, type HttpMethod } from '../../client/http-client.js';
import type { ProfileSession } from '../../client/profile-session.js';
import type { GlobalFlags } from './global-flags.js';
import { inertAnswer } from './inert-answer.js';
import { readCa } from './read-ca.js';

/**
 * The HTTP client a one-shot command talks through, with its context resolved (flags > env > profile).
 * A token from the profile comes with its session: renewed when due, and the new pair saved.
 */
export async function httpClientFor(flags: GlobalFlags): Promise<{ http: HttpClient; context: ClientContext; session?: ProfileSession | undefined }> {
  const context = await resolveContext(flags);
  const ca = readCa(flags.ca);
  // Loaded only for a token from the profile: one from a flag or RTC_TOKEN is used as given, and a
  // point-of-sale script's `rtc order advance` starts faster without the session's modules.
  const session =
    context.source.token === 'profile' ? await (await import('../../client/profile-session.js')).profileSessionFor(context, flags.profile, ca) : undefined;
  const http = cliHttpClient({ server: context.server, ca, ...(session ? { session } : { token: context.token }) }, flags);
  return { http, context, session };
}

/** The accounts API (section 6) for a one-shot command, as `httpClientFor` resolves it. */
export async function accountsFor(flags: GlobalFlags): Promise<{ api: AccountsApi; http: HttpClient; context: ClientContext }> {
  const [{ http, context }, { AccountsApi }] = await Promise.all([httpClientFor(flags), import('../../client/accounts-api.js')]);
  return { api: new AccountsApi(http), http, context };
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
  override request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    return super.request<T>(method, path, body).then(inertAnswer);
  }
}
