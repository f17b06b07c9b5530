import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { RtcError } from '../../protocol/errors.js';
import type { Logger } from '../logger.js';
import { redactedUrl } from '../../protocol/redacted-url.js';

export interface ClusterLink {
  /** Socket.IO's Redis adapter: give it to `io.adapter()` so room broadcasts reach every node. */
  adapter: ReturnType<typeof createAdapter>;
  /** The publishing client, for other shared state (rate limits); not in subscriber mode. */
  client: ReturnType<typeof createClient>;
  close(): Promise<void>;
}

/**
 * Connects this node to the others through Redis. Fails at start when Redis is not there; once up,
 * a lost Redis is retried in the background (broadcasts to other nodes wait in the client's queue).
 */
export async function joinCluster(url: string, log: Logger): Promise<ClusterLink> {
  const where = redactedUrl(url);
  let started = false;
  const pub = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      // Before the first connection a failure is final (so the node refuses to start); after it, keep trying.
      reconnectStrategy: (retries: number, cause: Error) => (started ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  });
  const sub = pub.duplicate();
  for (const [role, client] of [
    ['publish', pub],
    ['subscribe', sub],
  ] as const) {
    client.on('error', (error: Error) => started && log.warn({ err: error, redis: where, client: role }, 'redis connection error'));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    // A client that gave up has closed itself already; destroy() is for the one that did connect.
    for (const client of [pub, sub]) if (client.isOpen) client.destroy();
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RtcError('UNREACHABLE', `cannot connect to Redis at ${where} (${detail}): is redis-server running? Check --redis`, { cause: error });
  }
  started = true;
  log.info({ redis: where }, 'joined the cluster through redis');
  return {
    adapter: createAdapter(pub, sub),
    client: pub,
    async close() {
      // QUIT waits for Redis to answer; a client still reconnecting would wait for ever, so give it a moment, then cut.
      const quit = Promise.allSettled([pub.quit(), sub.quit()]);
      await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      for (const client of [pub, sub]) if (client.isOpen) client.destroy();
    },
  };
}
