import chalk from 'chalk';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RtcError } from '../../../protocol/errors.js';
import { defaultDataDir } from './data-dir.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { envBoolean, envSwitchOrNumber } from '../../program/env-boolean.js';
import { integerFlag } from '../../program/flags.js';
import { printJson, printLine } from '../../program/output.js';
import { parseDurationSeconds } from '../../program/parse-duration.js';
import { shellWord } from '../../program/shell-word.js';

export interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  store?: string;
  redis?: string;
  tlsCert?: string;
  tlsKey?: string;
  demo?: boolean;
  simulate?: boolean | string;
  tokenTtl: string;
  refreshTtl: string;
  recallWindow: string;
  streamHeadQuiet: string;
  rateLimit: string;
  userRateLimit: string;
  corsOrigin?: string;
  trustProxy?: string;
  customerOpenOrders: string;
  maxPending: string;
  batchMs: string;
  sync: 'normal' | 'full';
  highWater: string;
  logLevel: string;
}

export async function run(flags: ServeFlags & GlobalFlags): Promise<number | void> {
  const [{ startServer }, { parseRateSpec }, { DEMO_USERS }, { readTlsFiles }, { isPostgresUrl }, { redactedUrl }, { parseCorsOrigins }, { exposedStoreFiles, exposedStoreWarning }] = await Promise.all([
    import('../../../server/app.js'),
    import('../../../server/limits/token-bucket.js'),
    import('../../../server/demo-seed.js'),
    import('../../../server/tls/read-tls-files.js'),
    import('../../../server/store/open-store.js'),
    import('../../../protocol/redacted-url.js'),
    import('../../../server/http/cors.js'),
    import('../../../server/store/private-files.js'),
  ]);
  const { clientAddressOf } = await import('../../../server/http/client-address.js');
  // A flag wins over its variable; a variable that is neither on nor off is refused either way.
  const demoFromEnv = envBoolean('RTC_DEMO');
  const simulateFromEnv = envSwitchOrNumber('RTC_SIMULATE');
  const demo = flags.demo === true || demoFromEnv;
  const simulateFlag = flags.simulate ?? simulateFromEnv;
  const port = integerFlag(flags.port, '--port');
  if (port > 65535) throw new RtcError('BAD_REQUEST', `--port must be at most 65535, not ${port}`);
  const tokenTtlSeconds = parseDurationSeconds(flags.tokenTtl);
  if (!tokenTtlSeconds) throw new RtcError('BAD_REQUEST', `--token-ttl must be a duration like 12h or 30m, not "${flags.tokenTtl}"`);
  const refreshTtlSeconds = parseDurationSeconds(flags.refreshTtl);
  if (!refreshTtlSeconds) throw new RtcError('BAD_REQUEST', `--refresh-ttl must be a duration like 30d or 12h, not "${flags.refreshTtl}"`);
  const recallWindowSeconds = parseDurationSeconds(flags.recallWindow);
  if (!recallWindowSeconds) throw RtcError.badRequest(`--recall-window must be a duration like 15m or 90s, not "${flags.recallWindow}"`);
  const quietSeconds = parseDurationSeconds(flags.streamHeadQuiet);
  if (!quietSeconds || quietSeconds > 30) {
    throw RtcError.badRequest(`--stream-head-quiet must be a duration up to 30s (the contract's longest), not "${flags.streamHeadQuiet}"`);
  }
  const rateLimit = parseRateSpec(flags.rateLimit);
  if (!rateLimit) throw new RtcError('BAD_REQUEST', `--rate-limit must be BURST:PER_SECOND like 30:10, not "${flags.rateLimit}"`);
  const userRateLimit = parseRateSpec(flags.userRateLimit);
  if (!userRateLimit) throw new RtcError('BAD_REQUEST', `--user-rate-limit must be BURST:PER_SECOND like 60:20, not "${flags.userRateLimit}"`);
  const corsOrigins = flags.corsOrigin === undefined ? [] : parseCorsOrigins(flags.corsOrigin);
  const trustProxy = (flags.trustProxy ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  clientAddressOf(trustProxy); // refuses what is neither an address, a range nor a name, before anything starts
  const simulate = simulateFlag === undefined || simulateFlag === false ? undefined : simulateFlag === true ? 12 : Number(simulateFlag);
  if (simulate !== undefined && !(simulate > 0)) throw new RtcError('BAD_REQUEST', `--simulate takes orders per minute (> 0), not "${simulateFlag}"`);
  if (simulate !== undefined && !demo) throw new RtcError('BAD_REQUEST', '--simulate needs --demo (it orders from the demo restaurants)');

  if (flags.store && flags.db) throw new RtcError('BAD_REQUEST', '--store and --db both name a store: give one');
  if (flags.store && !isPostgresUrl(flags.store)) {
    throw new RtcError('BAD_REQUEST', `--store takes a postgres:// URL, not "${redactedUrl(flags.store)}"; for an SQLite file use --db`);
  }
  if (flags.store && flags.sync === 'full') {
    throw RtcError.badRequest('--sync sets SQLite durability; with --store, PostgreSQL decides it', { hint: "drop --sync, or set PostgreSQL's synchronous_commit" });
  }
  if (flags.redis && !/^rediss?:\/\//i.test(flags.redis)) throw new RtcError('BAD_REQUEST', `--redis takes a redis://HOST:PORT URL, not "${flags.redis}"`);
  if (flags.redis && flags.db === ':memory:') {
    throw new RtcError('BAD_REQUEST', '--redis joins nodes that share one store, and :memory: is this process alone: use --store postgres://...');
  }
  const tls = readTlsFiles(flags.tlsCert, flags.tlsKey);

  let db = flags.db;
  if (!db && !flags.store) {
    const dir = defaultDataDir();
    try {
      // The folder of every password hash and the token secret: the user's alone (umask aside).
      if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? String(error);
      throw RtcError.badRequest(`cannot make the data folder ${dir} (${why})`, { hint: 'set RTC_DATA_DIR to a writable folder, or pass --db PATH' });
    }
    db = join(dir, 'rtc.db');
  }
  const highWaterBytes = integerFlag(flags.highWater, '--high-water', 1024);

  // Listen for signals before anything starts, so that one arriving during start-up still shuts down cleanly.
  let stopSignal: NodeJS.Signals | undefined;
  let onStop: (() => void) | undefined;
  const stop = (signal: NodeJS.Signals) => {
    stopSignal ??= signal;
    onStop?.();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  let server;
  try {
    server = await startServer({
      port,
      host: flags.host,
      db: db ?? ':memory:',
      sync: flags.sync,
      storeUrl: flags.store,
      redisUrl: flags.redis,
      tls,
      demo,
      simulate,
      tokenTtlSeconds,
      refreshTtlSeconds,
      recallWindowMs: Math.round(recallWindowSeconds * 1000),
      streamHeadMs: Math.round(quietSeconds * 1000),
      rateLimit,
      userRateLimit,
      corsOrigins,
      trustProxy,
      customerOpenOrders: integerFlag(flags.customerOpenOrders, '--customer-open-orders', 1),
      maxPending: integerFlag(flags.maxPending, '--max-pending', 1),
      batchMs: integerFlag(flags.batchMs, '--batch-ms'),
      highWaterBytes,
      lowWaterBytes: Math.floor(highWaterBytes / 4),
      logLevel: flags.logLevel,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The user fixes these with a flag: BAD_REQUEST (exit 2), never INTERNAL.
    if (code === 'EADDRINUSE') throw RtcError.badRequest(`port ${port} on ${flags.host} is already in use`, { hint: `stop the other server (ss -ltnp 'sport = :${port}' names it) or pick another with --port` });
    if (code === 'EACCES') throw RtcError.badRequest(`not allowed to listen on ${flags.host}:${port}`, { hint: 'pick a port above 1023 with --port' });
    if (code === 'EADDRNOTAVAIL') throw RtcError.badRequest(`${flags.host} is not an address of this machine`, { hint: 'check --host' });
    throw error;
  }

  const storeName = flags.store ? redactedUrl(flags.store) : db;
  // The log has it at warn too; this is the line an operator reads.
  const exposed = flags.store || !db ? [] : exposedStoreFiles(db);
  if (exposed.length > 0) process.stderr.write(`rtc: warning: ${exposedStoreWarning(exposed)}\n`);
  if (server.firstSuperadmin) printFirstSuperadmin(server.firstSuperadmin, server.url, flags.store ? undefined : db);
  if (flags.json) {
    printJson({ url: server.url, db: storeName, epoch: server.store.epoch, demo, ...(flags.redis ? { redis: redactedUrl(flags.redis) } : {}) });
  } else {
    printLine(`rtc listening on ${chalk.bold(server.url)}  (${flags.store ? 'store' : 'db'} ${storeName}${flags.redis ? `, cluster via ${redactedUrl(flags.redis)}` : ''})`);
    if (demo) {
      printLine(chalk.yellow('demo mode: restaurants r1 (Demo Bistro), r2 (Night Owl Diner); password = username'));
      for (const user of DEMO_USERS) printLine(`  ${user.username.padEnd(6)} ${user.role}${user.restaurantId ? ` of ${user.restaurantId}` : ''}`);
      printLine(`next: rtc login --server ${server.url} --username chef   then   rtc watch`);
    }
  }

  await new Promise<void>((resolve) => {
    onStop = resolve;
    if (stopSignal) resolve();
  });
  server.log.info({ signal: stopSignal }, 'shutting down');
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await server.close();
  // Bounded, always: whatever a library still holds open (a reconnecting Redis client, a timer), the
  // process ends soon after "rtc server stopped". Unref'd, so a clean exit does not wait for it.
  setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  return 0;
}

/**
 * Tells the operator, on stderr and only here (never through the logger), who the first superadmin
 * is and how to log in; a generated password is shown this once. `db`: the SQLite file (undefined
 * for PostgreSQL), named in the reset command as the user can paste it.
 */
function printFirstSuperadmin(first: { username: string; password?: string }, url: string, db: string | undefined): void {
  const lines = [
    `rtc: first start: made the superadmin "${first.username}"`,
    first.password
      ? `  password (shown once, store it now): ${first.password}`
      : '  password: the one in RTC_ADMIN_PASSWORD',
    `  log in with: rtc login --server ${url} --username ${shellWord(first.username)}`,
  ];
  if (db === ':memory:') lines.push('  lost it? the store is in memory: the next start makes a new one');
  else if (db) lines.push(`  lost it? rtc admin reset-password --db ${shellWord(resolve(db))} ${shellWord(first.username)}, on this machine`);
  process.stderr.write(lines.join('\n') + '\n');
}
