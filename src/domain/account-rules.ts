import type { Role, User } from '../protocol/model.js';
import type { Verdict } from './access.js';

/**
 * Who may manage whom (contract, section 6): a superadmin manages everyone; an admin of R manages
 * the staff of R (and API keys of R, up to admin); nobody grants a role above their own, nor outside
 * their restaurant. Pure answers; the server turns a "no" into FORBIDDEN.
 */
const RANK: Record<Role, number> = { customer: 0, staff: 1, admin: 2, superadmin: 3 };

const yes: Verdict = { allowed: true };
const no = (reason: string): Verdict => ({ allowed: false, reason });

/** Whether the role belongs to one restaurant (staff, admin) or to none (customer, superadmin). */
export function roleHasRestaurant(role: Role): boolean {
  return role === 'staff' || role === 'admin';
}

/** A user (or key) as it would be after a change: what the actor grants. */
export interface Grant {
  role: Role;
  restaurantId: string | null;
}

/** May `actor` see the accounts (users, keys) of `restaurantId` (undefined: of every restaurant)? */
export function canListAccounts(actor: User, restaurantId: string | undefined): Verdict {
  if (actor.role === 'superadmin') return yes;
  if (actor.role !== 'admin') return no('only admins and superadmins manage accounts');
  if (restaurantId !== undefined && restaurantId !== actor.restaurantId) return no(`you are an admin of ${actor.restaurantId}, not ${restaurantId}`);
  return yes;
}

/** May `actor` give a user this role and restaurant (a new user, or a change)? */
export function canGrantUser(actor: User, grant: Grant): Verdict {
  if (actor.role === 'superadmin') return yes;
  if (actor.role !== 'admin') return no('only admins and superadmins manage users');
  if (grant.role !== 'staff') return no(`an admin manages the staff of ${actor.restaurantId}; only a superadmin may make ${withArticle(grant.role)}`);
  if (grant.restaurantId !== actor.restaurantId) return no(`you are an admin of ${actor.restaurantId}, not ${grant.restaurantId ?? 'of no restaurant'}`);
  return yes;
}

/** May `actor` change or remove this existing user at all? */
export function canManageUser(actor: User, target: Grant): Verdict {
  if (actor.role === 'superadmin') return yes;
  if (actor.role !== 'admin') return no('only admins and superadmins manage users');
  if (target.role !== 'staff' || target.restaurantId !== actor.restaurantId) return no(`an admin manages only the staff of ${actor.restaurantId}`);
  return yes;
}

/** May `actor` make (or revoke) an API key with this role and restaurant? */
export function canGrantKey(actor: User, grant: Grant): Verdict {
  if (RANK[grant.role] > RANK[actor.role]) return no(`a key's role may not be above yours (${actor.role})`);
  if (actor.role === 'superadmin') return yes;
  if (actor.role !== 'admin') return no('only admins and superadmins manage API keys');
  if (grant.restaurantId !== actor.restaurantId) return no(`you are an admin of ${actor.restaurantId}; keys you make are for ${actor.restaurantId}`);
  return yes;
}

/** Checks that a role and restaurant fit together; answers the reason when they do not. */
export function grantProblem(grant: Grant): string | undefined {
  if (roleHasRestaurant(grant.role) && !grant.restaurantId) return `${withArticle(grant.role)} works in one restaurant: give restaurantId`;
  if (!roleHasRestaurant(grant.role) && grant.restaurantId) return `${withArticle(grant.role)} belongs to no restaurant: leave restaurantId out`;
  return undefined;
}

/** Only a superadmin may `what` (e.g. "add restaurants"). */
export function isSuperadminOnly(actor: User, what: string): Verdict {
  return actor.role === 'superadmin' ? yes : no(`only a superadmin may ${what}`);
}

/** "an admin", "a staff member"...: a role with its article, for messages. */
function withArticle(role: string): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}
