import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';

/** One long-poll GET of Engine.IO: resolves with the body, or with the network error that ended it. */
function poll(url: string, sid?: string): Promise<{ body?: string; error?: string }> {
  const query = `EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}`;
  return new Promise((resolve) => {
    const req = request(`${url}/socket.io/?${query}`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ body }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('error', (error) => resolve({ error: error.message }));
    req.end();
  });
}

describe('a graceful stop', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    if (server) removeDir(server.dir);
    server = undefined;
  });

  it('cuts long-polling clients as a restart would, never sending Engine.IO close (which clients take as "go away")', async () => {
    server = await startTestServer();
    const open = await poll(server.url);
    const sid = /"sid":"([^"]+)"/.exec(open.body ?? '')?.[1];
    expect(sid).toBeTruthy();
    const pending = poll(server.url, sid);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await server.stop();
    const answer = await pending;
    // Engine.IO's close packet is "1"; a cut connection is an error with no body.
    expect(answer.body ?? '').not.toMatch(/^1$|\u001e1$/);
    expect(answer.error ?? answer.body).toBeDefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    server = undefined;
  });
});
