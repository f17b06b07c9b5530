import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/app.js';

export interface TestServer extends RunningServer {
  dir: string;
  db: string;
  /** Logs in through the real HTTP API and answers the token. */
  login(username: string, password?: string): Promise<string>;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'rtc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real server on port 0 with a real SQLite file in a temp dir, demo data seeded. */
export async function startTestServer(options: Partial<ServerOptions> & { dir?: string } = {}): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const db = options.db ?? join(dir, 'rtc.db');
  const server = await startServer({
    port: 0,
    demo: true,
    logger: pino({ level: process.env.RTC_TEST_LOG ?? 'silent' }),
    ...options,
    db,
  });
  return {
    ...server,
    dir,
    db,
    async login(username: string, password = username) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const body = (await response.json()) as { token?: string };
      if (!body.token) throw new Error(`login ${username} failed: ${JSON.stringify(body)}`);
      return body.token;
    },
    async stop() {
      await server.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function api(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: parsed };
}
