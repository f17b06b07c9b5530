import type { AccountsApi } from '../../client/accounts-api.js';
import { resolveContext, type ClientContext } from '../../client/context.js';
import { HttpClient, type HttpClientOptions, type HttpMethod } from '../../client/http-client.js';
import type { ProfileSession } from '../../client/profile-session.js';
import { API_KEY_PREFIX } from '../../protocol/accounts.js';
import { RtcError } from '../../protocol/errors.js';
import type { GlobalFlags } from './global-flags.js';
import { inertAnswer } from './inert-answer.js';
import { readCa } from './read-ca.js';
import { redactedText } from '../../protocol/redacted-url.js';

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
  const http = cliHttpClient({ server: context.server, ca, ...(session ? { session } : { token: context.token }) }, flags, loginHint(context));
  return { http, context, session };
}

/** The accounts API (section 6) for a one-shot command, as `httpClientFor` resolves it. */
export async function accountsFor(flags: GlobalFlags): Promise<{ api: AccountsApi; http: HttpClient; context: ClientContext }> {
  const [{ http, context }, { AccountsApi }] = await Promise.all([httpClientFor(flags), import('../../client/accounts-api.js')]);
  return { api: new AccountsApi(http), http, context };
}

/** What to do when the server refuses the context's token: log in again, or (an API key) get a new key. */
function loginHint(context: ClientContext): string {
  if (context.token.startsWith(API_KEY_PREFIX)) return 'check the API key given (--token, RTC_TOKEN or the profile), or ask an admin for a new one (rtc key create)';
  return `run rtc login --server ${redactedText(context.server)}`;
}

/** A refusal's message that already names the next step (rtc's own server says so in its messages). */
const NAMES_A_STEP = /\brtc (login|key)\b|ask an admin/;

/**
 * An UNAUTHENTICATED error from a server that gave no hint (another implementation, a proxy, an
 * older rtc) gets the CLI's own: the user always learns what to do next.
 */
function withLoginHint(error: unknown, hint: string): unknown {
  if (!(error instanceof RtcError) || error.code !== 'UNAUTHENTICATED' || error.hint || NAMES_A_STEP.test(error.message)) return error;
  return new RtcError(error.code, error.message, { hint, retryAfter: error.retryAfter, cause: error });
}

/**
 * An HTTP client for a command's output: with `--json` answers come as the server sent them (printed
 * escaped by `printJson`); otherwise every string in every answer is made inert (`inertAnswer`) before
 * any table or line is built from it. A refusal of the token without a hint gets `loginHint`.
 */
export function cliHttpClient(options: HttpClientOptions, flags: GlobalFlags, hint = 'run rtc login'): HttpClient {
  return new CliHttpClient(options, !flags.json, hint);
}

class CliHttpClient extends HttpClient {
  constructor(
    options: HttpClientOptions,
    private readonly inert: boolean,
    private readonly hint: string,
  ) {
    super(options);
  }

  override async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    try {
      const answer = await super.request<T>(method, path, body);
      return this.inert ? inertAnswer(answer) : answer;
    } catch (error) {
      throw withLoginHint(error, this.hint);
    }
  }
}
