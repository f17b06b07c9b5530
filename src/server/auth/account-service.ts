import { canGrantUser, canListAccounts, canManageUser, grantProblem, isSuperadminOnly, type Grant } from '../../domain/account-rules.js';
import type { AccountUser } from '../../protocol/accounts.js';
import type { CreateUserBody, UpdateUserBody } from '../../protocol/account-schemas.js';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { Restaurant, Store, UserChange } from '../store/store.js';
import { hashPassword } from './passwords.js';
import type { SessionEnd } from './principal.js';
import { generatePassword, randomId } from './secrets.js';

const forbid = (verdict: { allowed: true } | { allowed: false; reason: string }): void => {
  if (!verdict.allowed) throw new RtcError('FORBIDDEN', verdict.reason);
};

/** Why a change ends the user's sessions, as `session_expired` says it. */
function endReason(change: UpdateUserBody): string {
  if (change.disabled) return 'user disabled';
  if (change.role !== undefined || change.restaurantId !== undefined) return 'role or restaurant changed';
  return 'password reset';
}

/**
 * Restaurants and users (contract, section 6), with the rules of domain/account-rules. Every change
 * to a user ends their sessions (the store bumps their generation) and is announced, so that their
 * open sockets are closed on every node; removing, disabling or moving a user also revokes the API
 * keys they made, announced the same way.
 */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly announce: (end: SessionEnd) => void,
  ) {}

  /** GET /api/restaurants: staff and admins see their own; customers and superadmins see all (customers order from any). */
  async listRestaurants(actor: User): Promise<Restaurant[]> {
    const all = await this.store.listRestaurants();
    if (actor.role === 'staff' || actor.role === 'admin') return all.filter((r) => r.id === actor.restaurantId);
    return all;
  }

  /** POST /api/restaurants (superadmin). Without an id, one is made from the name. Throws FORBIDDEN, CONFLICT. */
  async createRestaurant(actor: User, body: { id?: string | undefined; name: string }): Promise<Restaurant> {
    forbid(isSuperadminOnly(actor, 'add restaurants'));
    const restaurant = { id: body.id ?? idFromName(body.name), name: body.name };
    if (!(await this.store.createRestaurant(restaurant))) {
      throw new RtcError('CONFLICT', `restaurant ${restaurant.id} exists already: pick another id, or rename it with rtc restaurant rename`);
    }
    return restaurant;
  }

  /** PATCH /api/restaurants/:id (superadmin, admin of it). Throws FORBIDDEN, NOT_FOUND. */
  async renameRestaurant(actor: User, id: string, name: string): Promise<Restaurant> {
    if (actor.role !== 'superadmin' && !(actor.role === 'admin' && actor.restaurantId === id)) {
      throw new RtcError('FORBIDDEN', `only a superadmin or an admin of ${id} may rename it`);
    }
    const renamed = await this.store.renameRestaurant(id, name);
    if (!renamed) throw new RtcError('NOT_FOUND', `restaurant ${id} does not exist: see rtc restaurant list`);
    return renamed;
  }

  /** GET /api/users?restaurantId=: a superadmin sees all (or one restaurant's), an admin their restaurant's. */
  async listUsers(actor: User, restaurantId: string | undefined): Promise<AccountUser[]> {
    forbid(canListAccounts(actor, restaurantId));
    return this.store.listUsers(actor.role === 'superadmin' ? restaurantId : actor.restaurantId ?? '');
  }

  /** POST /api/users. A generated password is answered once, never logged. Throws BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT. */
  async createUser(actor: User, body: CreateUserBody): Promise<{ user: AccountUser; password?: string }> {
    const restaurantId = body.restaurantId ?? (actor.role === 'admin' && body.role === 'staff' ? actor.restaurantId : null);
    const grant: Grant = { role: body.role, restaurantId };
    forbid(canGrantUser(actor, grant));
    await this.checkGrant(grant);
    const password = body.password ?? generatePassword();
    const created = await this.store.createUser({ username: body.username, role: body.role, restaurantId, ...(await hashPassword(password)) });
    if (!created) throw new RtcError('CONFLICT', `user ${body.username} exists already: pick another username`);
    const user: AccountUser = { id: body.username, username: body.username, role: body.role, restaurantId, disabled: false };
    return body.password === undefined ? { user, password } : { user };
  }

  /** PATCH /api/users/:id: ends the user's sessions. Throws BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT (last superadmin). */
  async updateUser(actor: User, id: string, body: UpdateUserBody): Promise<AccountUser> {
    const current = await this.existing(id);
    forbid(canManageUser(actor, current));
    const role = body.role ?? current.role;
    // A role without a restaurant drops it; one with a restaurant keeps the current one unless told.
    const restaurantId = body.restaurantId !== undefined ? body.restaurantId : role === 'staff' || role === 'admin' ? current.restaurantId : null;
    const grant: Grant = { role, restaurantId };
    if (body.role !== undefined || body.restaurantId !== undefined) {
      forbid(canGrantUser(actor, grant));
      await this.checkGrant(grant);
    }
    const change: UserChange = { disabled: body.disabled };
    if (body.role !== undefined || body.restaurantId !== undefined) Object.assign(change, grant);
    if (body.password !== undefined) change.password = await hashPassword(body.password);
    const { user, revokedKeys } = await this.store.updateUser(id, change, Date.now());
    await this.announceUser(id, endReason(body));
    this.announceKeys(revokedKeys);
    return user;
  }

  /** DELETE /api/users/:id: the user, their sessions and the API keys they made go. Throws FORBIDDEN, NOT_FOUND, CONFLICT (last superadmin). */
  async deleteUser(actor: User, id: string): Promise<void> {
    forbid(canManageUser(actor, await this.existing(id)));
    const { revokedKeys } = await this.store.deleteUser(id, Date.now());
    this.announce({ kind: 'user', userId: id, reason: 'user removed', state: null });
    this.announceKeys(revokedKeys);
  }

  /** Tells every node the keys a change of their maker revoked: each is forgotten and its sockets closed. */
  private announceKeys(keyIds: readonly string[]): void {
    for (const keyId of keyIds) this.announce({ kind: 'key', keyId, reason: 'API key revoked' });
  }

  /** Tells every node the user's sessions ended, with the generation they now need. */
  async announceUser(id: string, reason: string): Promise<void> {
    const stored = await this.store.getUser(id);
    this.announce({ kind: 'user', userId: id, reason, state: stored ? { tokenGen: stored.tokenGen, disabled: stored.disabled } : null });
  }

  private async existing(id: string): Promise<AccountUser> {
    const user = await this.store.getUser(id);
    if (!user) throw new RtcError('NOT_FOUND', `user ${id} does not exist: see rtc user list`);
    return { id: user.id, username: user.username, role: user.role, restaurantId: user.restaurantId, disabled: user.disabled };
  }

  private async checkGrant(grant: Grant): Promise<void> {
    const problem = grantProblem(grant);
    if (problem) throw new RtcError('BAD_REQUEST', problem);
    if (grant.restaurantId && !(await this.store.getRestaurant(grant.restaurantId))) {
      throw new RtcError('NOT_FOUND', `restaurant ${grant.restaurantId} does not exist: see rtc restaurant list`);
    }
  }
}

/** A restaurant id from its name ("Night Owl Diner" -> night-owl-diner), with a random tail when the name gives none. */
function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || `r-${randomId(4).toLowerCase()}`;
}
