import { changePasswordBody, refreshBody } from '../../protocol/account-schemas.js';
import { loginBody } from '../../protocol/schemas.js';
import type { AuthService } from '../auth/auth-service.js';
import { readJson, validate } from './body.js';
import type { Route } from './routes.js';

/** Login, refresh, logout, who am I, change my password (contract, sections 3 and 6). */
export function authRoutes(auth: AuthService): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/auth/login',
      name: 'login',
      handle: async ({ request, address }) => {
        const body = validate(loginBody, await readJson(request), 'login');
        return { body: await auth.login(body.username, body.password, address) };
      },
    },
    {
      method: 'POST',
      path: '/api/auth/refresh',
      name: 'refresh',
      handle: async ({ request }) => {
        const body = validate(refreshBody, await readJson(request), 'refresh');
        return { body: await auth.sessions.refresh(body.refreshToken) };
      },
    },
    {
      method: 'POST',
      path: '/api/auth/logout',
      name: 'logout',
      handle: async ({ request, response }) => {
        const body = validate(refreshBody, await readJson(request), 'logout');
        await auth.sessions.logout(body.refreshToken);
        return noContent(response);
      },
    },
    {
      method: 'GET',
      path: '/api/me',
      name: 'me',
      handle: async ({ principal }) => ({ body: { user: await auth.currentUser(await principal()) } }),
    },
    {
      method: 'POST',
      path: '/api/me/password',
      name: 'password',
      handle: async ({ request, response, principal, address }) => {
        const caller = await principal();
        const body = validate(changePasswordBody, await readJson(request), 'password change');
        await auth.changePassword(caller, body.current, body.new, address);
        return noContent(response);
      },
    },
  ];
}

/** Answers 204 with no body; the router sends nothing more. */
export function noContent(response: import('node:http').ServerResponse): undefined {
  response.writeHead(204, { 'cache-control': 'no-store' });
  response.end();
  return undefined;
}
