import { faultRequestBody } from '../../protocol/chaos.js';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import { idSchema } from '../../protocol/schemas.js';
import { isSuperadmin } from '../../domain/access.js';
import { readJson, validate } from '../http/body.js';
import type { Route, RouteContext } from '../http/routes.js';
import type { ChaosModule } from './chaos-module.js';

async function superadmin(context: RouteContext): Promise<User> {
  const user = await context.user();
  const verdict = isSuperadmin(user);
  if (!verdict.allowed) throw RtcError.forbidden(`chaos is for superadmins only (${verdict.reason})`, { hint: 'log in as one with rtc login' });
  return user;
}

const faultId = (context: RouteContext): string => validate(idSchema, context.params.id, 'fault id');

/** `/api/chaos`: inject, list and heal faults. Superadmin only. */
export function chaosRoutes(chaos: ChaosModule): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/chaos/faults',
      name: 'chaos_inject',
      handle: async (context) => {
        const user = await superadmin(context);
        const request = validate(faultRequestBody, await readJson(context.request), 'fault');
        return { status: 201, body: { fault: await chaos.inject(request, user) } };
      },
    },
    {
      method: 'GET',
      path: '/api/chaos/faults',
      name: 'chaos_list',
      handle: async (context) => {
        await superadmin(context);
        return { body: { faults: chaos.list() } };
      },
    },
    {
      method: 'GET',
      path: '/api/chaos/faults/:id',
      name: 'chaos_show',
      handle: async (context) => {
        await superadmin(context);
        return { body: { fault: chaos.get(faultId(context)) } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/chaos/faults/:id',
      name: 'chaos_heal',
      handle: async (context) => {
        const user = await superadmin(context);
        return { body: { fault: chaos.heal(faultId(context), user) } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/chaos/faults',
      name: 'chaos_heal_all',
      handle: async (context) => {
        const user = await superadmin(context);
        return { body: { healed: chaos.healAll(user) } };
      },
    },
  ];
}
