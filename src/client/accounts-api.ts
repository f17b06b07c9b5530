import { RtcError } from '../protocol/errors.js';
import type { Role } from '../protocol/model.js';
import type { AccountUser, ApiKeyInfo, Restaurant } from './account-types.js';
import type { HttpClient } from './http-client.js';

import { pathId } from './path-ids.js';

/**
 * The accounts, restaurants and API keys calls of the contract (section 6), over an HttpClient.
 * Each answers the server's JSON as it is (`{}` for a 204) and throws its error as an RtcError.
 */
export class AccountsApi {
  constructor(private readonly http: HttpClient) {}

  listRestaurants() {
    return this.http.request<{ restaurants: Restaurant[] }>('GET', '/api/restaurants');
  }
  addRestaurant(body: { id?: string | undefined; name: string }) {
    return this.http.request<{ restaurant: Restaurant }>('POST', '/api/restaurants', body);
  }
  renameRestaurant(restaurantId: string, name: string) {
    return this.http.request<{ restaurant: Restaurant }>('PATCH', `/api/restaurants/${pathId(restaurantId, 'restaurant id')}`, { name });
  }

  listUsers(restaurantId?: string) {
    return this.http.request<{ users: AccountUser[] }>('GET', `/api/users${restaurantId ? `?restaurantId=${pathId(restaurantId, 'restaurant id')}` : ''}`);
  }
  addUser(body: { username: string; role: Role; restaurantId?: string | null | undefined; password?: string | undefined }) {
    return this.http.request<{ user: AccountUser; password?: string }>('POST', '/api/users', body);
  }
  updateUser(userId: string, body: { role?: Role; restaurantId?: string | null; password?: string; disabled?: boolean }) {
    return this.http.request<{ user: AccountUser }>('PATCH', `/api/users/${pathId(userId, 'user id')}`, body);
  }
  removeUser(userId: string) {
    return this.http.request<Record<string, never>>('DELETE', `/api/users/${pathId(userId, 'user id')}`);
  }
  changePassword(current: string, next: string) {
    return this.http.request<Record<string, never>>('POST', '/api/me/password', { current, new: next });
  }

  createKey(body: { name: string; role: Role; restaurantId?: string | null | undefined; expiresIn?: number | undefined }) {
    return this.http.request<{ key: ApiKeyInfo; token: string }>('POST', '/api/keys', body);
  }
  listKeys() {
    return this.http.request<{ keys: ApiKeyInfo[] }>('GET', '/api/keys');
  }
  revokeKey(keyId: string) {
    return this.http.request<Record<string, never>>('DELETE', `/api/keys/${pathId(keyId, 'key id')}`);
  }

  /**
   * A user named on the command line, by username or id: the CLI takes usernames, the API ids.
   * Throws NOT_FOUND with a hint when the caller can see no such user.
   */
  async findUser(nameOrId: string, restaurantId?: string): Promise<AccountUser> {
    pathId(nameOrId, 'user id'); // no name the server could hold: said before the list is fetched
    const { users } = await this.listUsers(restaurantId);
    const user = users.find((u) => u.username === nameOrId) ?? users.find((u) => u.id === nameOrId);
    if (user) return user;
    throw RtcError.notFound('user', nameOrId, { hint: 'see the users you manage with rtc user list' });
  }
}

/** "Demo Bistro (r1)", or the id alone when the name is not known. */
export function restaurantLabel(restaurantId: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(restaurantId);
  return name ? `${name} (${restaurantId})` : restaurantId;
}

/**
 * The names of the restaurants the caller can see, by id; empty when the server cannot say (an older
 * server, or a customer it refuses): names are a help, never a reason for a command to fail.
 */
export async function restaurantNames(api: AccountsApi): Promise<Map<string, string>> {
  try {
    const { restaurants } = await api.listRestaurants();
    return new Map(restaurants.map((r) => [r.id, r.name]));
  } catch {
    return new Map();
  }
}
