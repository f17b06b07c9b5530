import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/protocol/errors.js';
import { CLIENT_TO_SERVER_EVENTS, SERVER_TO_CLIENT_EVENTS } from '../src/protocol/events.js';

/**
 * docs/protocol.md is what third-party clients are written from: every event, HTTP route and error
 * code the code knows must be in it. Events and codes come from src/protocol; routes are read from
 * the route declarations anywhere under src/ (`method: 'GET', path: '/...'`), so a route added in
 * a new file is checked too.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = readFileSync(join(ROOT, 'docs/protocol.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every `METHOD /path` declared as a route object in src/. */
function declaredRoutes(): string[] {
  const routes = new Set<string>();
  const pattern = /method:\s*'(GET|POST|PUT|PATCH|DELETE)'\s*,[^{}]*?path:\s*'(\/[^']*)'/g;
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) routes.add(`${match[1]} ${match[2]}`);
  }
  return [...routes].sort();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A route is documented when `METHOD /path` appears and is not just the start of a longer path. */
function documentsRoute(doc: string, route: string): boolean {
  return new RegExp(`${escape(route)}(?![\\w/:-])`).test(doc);
}

/** An event or a code is documented when it appears as code: `name`. */
function documentsName(doc: string, name: string): boolean {
  return doc.includes(`\`${name}\``);
}

describe('docs/protocol.md', () => {
  it('finds the routes it checks (the parser still reads the route declarations)', () => {
    const routes = declaredRoutes();
    expect(routes).toEqual(expect.arrayContaining(['GET /healthz', 'POST /api/orders', 'GET /api/orders/:id', 'DELETE /api/chaos/faults/:id']));
  });

  it('names every client-to-server event', () => {
    expect(CLIENT_TO_SERVER_EVENTS.filter((event) => !documentsName(DOC, event))).toEqual([]);
  });

  it('names every server-to-client event', () => {
    expect(SERVER_TO_CLIENT_EVENTS.filter((event) => !documentsName(DOC, event))).toEqual([]);
  });

  it('lists every HTTP route', () => {
    expect(declaredRoutes().filter((route) => !documentsRoute(DOC, route))).toEqual([]);
  });

  it('lists every error code', () => {
    expect(ERROR_CODES.filter((code) => !documentsName(DOC, code))).toEqual([]);
  });

  it('would catch a missing event, route or code', () => {
    const stripped = DOC.replaceAll('`order_advance`', 'order advance')
      .replaceAll('GET /api/orders/:id', 'GET an order')
      .replaceAll('`CONFLICT`', 'conflict');
    expect(documentsName(stripped, 'order_advance')).toBe(false);
    expect(documentsRoute(stripped, 'GET /api/orders/:id')).toBe(false);
    // GET /api/orders/:id/... must not count as GET /api/orders/:id, nor /api/orders/:id as /api/orders.
    expect(documentsRoute('`POST /api/orders/:id/advance`', 'POST /api/orders/:id')).toBe(false);
    expect(documentsRoute('`GET /api/orders/:id`', 'GET /api/orders')).toBe(false);
    expect(documentsRoute('`GET /api/orders?restaurantId=`', 'GET /api/orders')).toBe(true);
    expect(documentsName(stripped, 'CONFLICT')).toBe(false);
  });
});
