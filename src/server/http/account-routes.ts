import { createKeyBody, createRestaurantBody, createUserBody, listUsersQuery, renameRestaurantBody, updateUserBody } from '../../protocol/account-schemas.js';
import { idSchema } from '../../protocol/schemas.js';
import type { AccountService } from '../auth/account-service.js';
import type { ApiKeys } from '../auth/api-keys.js';
import { personOf } from '../auth/principal.js';
import { noContent } from './auth-routes.js';
import { readJson, validate } from './body.js';
import type { Route, RouteContext } from './routes.js';

const param = (context: RouteContext, what: string) => validate(idSchema, context.params.id, what);
/** The caller when a person: an API key may not manage accounts (FORBIDDEN, see personOf). */
const person = async (context: RouteContext, what: string) => personOf(await context.principal(), what);
const userId = (context: RouteContext) => {
  const id = context.params.id ?? '';
  // User ids are usernames (ids of earlier releases too); anything else names no user.
  return /^[A-Za-z0-9._-]{1,64}$/.test(id) ? id : validate(idSchema, id, 'user id');
};

/** Restaurants, users and API keys (contract, section 6). */
export function accountRoutes(accounts: AccountService, keys: ApiKeys): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/restaurants',
      name: 'restaurant_list',
      handle: async ({ user }) => ({ body: { restaurants: await accounts.listRestaurants(await user()) } }),
    },
    {
      method: 'POST',
      path: '/api/restaurants',
      name: 'restaurant_create',
      handle: async ({ request, user }) => {
        const caller = await user();
        const body = validate(createRestaurantBody, await readJson(request), 'restaurant');
        return { status: 201, body: { restaurant: await accounts.createRestaurant(caller, body) } };
      },
    },
    {
      method: 'PATCH',
      path: '/api/restaurants/:id',
      name: 'restaurant_rename',
      handle: async (context) => {
        const caller = await context.user();
        const body = validate(renameRestaurantBody, await readJson(context.request), 'restaurant');
        return { body: { restaurant: await accounts.renameRestaurant(caller, param(context, 'restaurant id'), body.name) } };
      },
    },
    {
      method: 'GET',
      path: '/api/users',
      name: 'user_list',
      handle: async ({ query, user }) => {
        const caller = await user();
        const { restaurantId } = validate(listUsersQuery, Object.fromEntries(query), 'query');
        return { body: { users: await accounts.listUsers(caller, restaurantId) } };
      },
    },
    {
      method: 'POST',
      path: '/api/users',
      name: 'user_create',
      handle: async (context) => {
        const caller = await person(context, 'add users');
        const request = context.request;
        const body = validate(createUserBody, await readJson(request), 'user');
        return { status: 201, body: await accounts.createUser(caller, body) };
      },
    },
    {
      method: 'PATCH',
      path: '/api/users/:id',
      name: 'user_update',
      handle: async (context) => {
        const caller = await person(context, 'change users or their passwords');
        const body = validate(updateUserBody, await readJson(context.request), 'user change');
        return { body: { user: await accounts.updateUser(caller, userId(context), body) } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/users/:id',
      name: 'user_delete',
      handle: async (context) => {
        await accounts.deleteUser(await person(context, 'remove users'), userId(context));
        return noContent(context.response);
      },
    },
    {
      method: 'POST',
      path: '/api/keys',
      name: 'key_create',
      handle: async (context) => {
        const caller = await person(context, 'make API keys');
        const request = context.request;
        const body = validate(createKeyBody, await readJson(request), 'API key');
        return { status: 201, body: await keys.create(caller, body) };
      },
    },
    {
      method: 'GET',
      path: '/api/keys',
      name: 'key_list',
      handle: async ({ user }) => ({ body: { keys: await keys.list(await user()) } }),
    },
    {
      method: 'DELETE',
      path: '/api/keys/:id',
      name: 'key_revoke',
      handle: async (context) => {
        await keys.revoke(await person(context, 'revoke API keys'), param(context, 'key id'));
        return noContent(context.response);
      },
    },
  ];
}
