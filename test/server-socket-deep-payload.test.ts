import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPayloadShape } from '../src/server/limits/payload-shape.js';
import { connectRaw, type RawClient } from './helpers/raw-socket.js';
import { removeDir, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let chef: RawClient;
beforeAll(async () => {
  server = await startTestServer();
  chef = await connectRaw(server.url, await server.login('chef'));
});
afterAll(async () => {
  chef.close();
  await server.stop();
  removeDir(server.dir);
});

/**
 * Sends a Socket.IO event as a raw frame (socket.io-client would itself recurse over a deep payload
 * to encode it) and answers its ack.
 */
function rawRequest(client: RawClient, id: number, event: string, payloadJson: string): Promise<any> {
  const engine = client.socket.io.engine;
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const text = String(data);
      if (!text.startsWith(`3${id}[`)) return;
      engine.off('message', onMessage);
      resolve(JSON.parse(text.slice(String(id).length + 1))[0]);
    };
    engine.on('message', onMessage);
    engine.write(`2${id}["${event}",${payloadJson}]`);
  });
}

const nested = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
const nestedArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('deeply nested socket payloads', () => {
  it('answers BAD_REQUEST at 5,000 and 100,000 levels, objects and arrays, and keeps the connection', async () => {
    let id = 9000;
    for (const payload of [nested(5000), nested(100_000), nestedArray(100_000), `{"restaurantId":"r1","items":[${nested(5000)}],"amount":1}`]) {
      for (const event of ['order_create', 'join_restaurant_room', 'order_advance']) {
        const answer = await rawRequest(chef, id++, event, payload);
        expect(answer, `${event} ${payload.slice(0, 40)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    }
    expect(chef.socket.connected).toBe(true);
    expect((await chef.request('join_restaurant_room', { restaurantId: 'r1' })).ok).toBe(true);
  });

  it('walks client data without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(() => checkPayloadShape(deep)).toThrow(/nested deeper/);
    expect(() => checkPayloadShape({ restaurantId: 'r1', items: [{ name: 'x', qty: 1 }], amount: 1 })).not.toThrow();
    expect(() => checkPayloadShape({ note: 'x'.repeat(70_000) })).toThrow(/over the limit/);
  });
});
