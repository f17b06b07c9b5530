import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServe } from './helpers/serve-process.js';
import { removeDir, tempDir } from './helpers/server.js';

/**
 * ws loads the optional native helpers bufferutil and utf-8-validate from wherever require finds them
 * (any node_modules up the tree, NODE_PATH): a planted one runs as rtc. bin/rtc.js turns them off.
 */
const dir = tempDir();
afterAll(() => removeDir(dir));

/** A package `name` under dir/node_modules whose loading writes a marker file; answers the marker's path. */
function plant(name: string): string {
  const marker = join(dir, `${name}.loaded`);
  const pkg = join(dir, 'node_modules', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name, version: '9.9.9', main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'loaded'); module.exports = {};\n`);
  return marker;
}

describe('rtc serve loads no native helper that happens to be on NODE_PATH', { timeout: 60_000 }, () => {
  it('never loads a planted bufferutil or utf-8-validate', async () => {
    const markers = [plant('bufferutil'), plant('utf-8-validate')];
    const server = await spawnServe(['--db', ':memory:', '--demo'], { NODE_PATH: join(dir, 'node_modules'), WS_NO_BUFFER_UTIL: undefined, WS_NO_UTF_8_VALIDATE: undefined });
    // A socket handshake makes ws validate a frame too: connect once.
    const { io } = await import('socket.io-client');
    const socket = io(server.url, { transports: ['websocket'], reconnection: false, auth: { token: 'x' } });
    await new Promise<void>((resolve) => {
      socket.on('connect_error', () => resolve());
      socket.on('connect', () => resolve());
      setTimeout(resolve, 3000);
    });
    socket.close();
    expect(await server.stop()).toBe(0);
    expect(markers.filter((marker) => existsSync(marker))).toEqual([]);
  });
});
