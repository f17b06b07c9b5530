import { randomBytes } from 'node:crypto';
import type { ServerOptions } from '../../src/server/app.js';
import { PostgresStore } from '../../src/server/store/postgres-store.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { startRedis, type TestRedis } from './redis.js';
import { removeDir, startTestServer, type TestServer } from './server.js';

/** What every cluster test needs: its own Redis on a free port, its own database, one JWT secret for all nodes. */
export interface ClusterServices {
  redis: TestRedis;
  database: TestDatabase;
  /** The secret every node must share (RTC_JWT_SECRET). */
  secret: string;
  stop(): Promise<void>;
}

export async function startClusterServices(): Promise<ClusterServices> {
  const [redis, database] = await Promise.all([startRedis(), createTestDatabase()]);
  return {
    redis,
    database,
    secret: randomBytes(32).toString('hex'),
    async stop() {
      await redis.stop();
      await database.drop();
    },
  };
}

/** Nodes in this test process, each with its own PostgreSQL pool, joined by Redis. */
export interface InProcessCluster extends ClusterServices {
  nodes: TestServer[];
}

/**
 * Starts `count` in-process nodes on one database and one Redis. RTC_JWT_SECRET is set for the
 * nodes (they read it at start) and put back as it was by `stop()`.
 */
export async function startInProcessCluster(count: number, options: Partial<ServerOptions> = {}): Promise<InProcessCluster> {
  const services = await startClusterServices();
  const secretBefore = process.env.RTC_JWT_SECRET;
  process.env.RTC_JWT_SECRET = services.secret;
  const nodes: TestServer[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(await startTestServer({ store: await PostgresStore.open(services.database.url), redisUrl: services.redis.url, ...options }));
  }
  return {
    ...services,
    nodes,
    async stop() {
      for (const node of nodes) await node.stop();
      for (const node of nodes) removeDir(node.dir);
      await services.stop();
      if (secretBefore === undefined) delete process.env.RTC_JWT_SECRET;
      else process.env.RTC_JWT_SECRET = secretBefore;
    },
  };
}
