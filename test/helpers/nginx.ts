import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopChild } from './redis.js';
import { removeDir, tempDir } from './server.js';

/** The load-balancer example of the README, exactly as shipped. */
export const NGINX_EXAMPLE = fileURLToPath(new URL('../../deploy/nginx/rtc.conf', import.meta.url));

function nginxBinary(): string | undefined {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    if (!spawnSync(candidate, ['-v']).error) return candidate;
  }
  return undefined;
}

export function nginxMissing(): string | undefined {
  return nginxBinary() ? undefined : 'nginx (apt-get install nginx)';
}

export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Runs deploy/nginx/rtc.conf in front of the given node ports, in a prefix of its own. */
export async function startNginx(nodePorts: number[]): Promise<TestNginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed: apt-get install nginx');
  const dir = tempDir('rtc-nginx-');
  // nginx started as root hands the connections to unprivileged workers, which must reach their temp dirs.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const example = readFileSync(NGINX_EXAMPLE, 'utf8');
  const servers = example.match(/^\s*server 127\.0\.0\.1:\d+ .*$/gm) ?? [];
  if (servers.length === 0) throw new Error(`${NGINX_EXAMPLE} has no "server 127.0.0.1:PORT" lines to point at the test nodes`);
  const upstream = nodePorts.map((p) => servers[0]!.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${p}`)).join('\n');
  const site = example
    .replace(servers.join('\n'), upstream)
    .replace(/listen \d+;/, `listen 127.0.0.1:${port};`);
  writeFileSync(join(dir, 'rtc.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${join(dir, kind)};`).join(' ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1; daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http { access_log off; ${temp} include ${join(dir, 'rtc.conf')}; }
`,
  );
  const child = spawn(binary, ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      const log = readFileSync(join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });
      removeDir(dir);
      throw new Error(`nginx did not start: ${stderr}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // SIGQUIT: the master stops its workers too; nothing may be left listening.
      await stopChild(child, 'SIGQUIT');
      removeDir(dir);
    },
  };
}
