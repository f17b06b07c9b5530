import { AccountsApi } from '../../client/accounts-api.js';
import { resolveContext, type ClientContext } from '../../client/context.js';
import { HttpClient } from '../../client/http-client.js';
import { profileSessionFor, type ProfileSession } from '../../client/profile-session.js';
import type { GlobalFlags } from './global-flags.js';
import { readCa } from './read-ca.js';

/**
 * The HTTP client a one-shot command talks through, with its context resolved (flags > env > profile).
 * A token from the profile comes with its session: renewed when due, and the new pair saved.
 */
export async function httpClientFor(flags: GlobalFlags): Promise<{ http: HttpClient; context: ClientContext; session?: ProfileSession | undefined }> {
  const context = await resolveContext(flags);
  const ca = readCa(flags.ca);
  const session = await profileSessionFor(context, flags.profile, ca);
  const http = new HttpClient({ server: context.server, ca, ...(session ? { session } : { token: context.token }) });
  return { http, context, session };
}

/** The accounts API (section 6) for a one-shot command, as `httpClientFor` resolves it. */
export async function accountsFor(flags: GlobalFlags): Promise<{ api: AccountsApi; http: HttpClient; context: ClientContext }> {
  const { http, context } = await httpClientFor(flags);
  return { api: new AccountsApi(http), http, context };
}
