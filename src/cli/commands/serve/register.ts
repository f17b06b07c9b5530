import { Option, type Command } from 'commander';
import { example, type Lazy } from '../../program/command-kit.js';

/** An option of `rtc serve` that can also come from the environment variable `env` (the flag wins). */
const option = (flags: string, description: string, env: string) => new Option(flags, description).env(env);

/**
 * `rtc serve`: declared here (flags, defaults and the environment variable of each, as containers
 * and service managers set them), run by ./serve.js loaded on demand.
 */
export function registerServeCommand(program: Command, lazy: Lazy): void {
  program
    .command('serve')
    .description('start the server (Socket.IO + HTTP API) on an embedded SQLite file, or as one of several nodes')
    .addOption(option('-p, --port <port>', 'port to listen on (0 picks a free one)', 'RTC_PORT').default('4000'))
    .addOption(option('--host <host>', 'address to listen on', 'RTC_HOST').default('127.0.0.1'))
    .addOption(option('--db <path>', 'SQLite file, or :memory: (default: rtc.db in your data directory, or RTC_DATA_DIR)', 'RTC_DB'))
    .addOption(
      option('--sync <mode>', 'SQLite durability: normal survives a crash of rtc, full a power cut too (slower)', 'RTC_SYNC')
        .choices(['normal', 'full'])
        .default('normal'),
    )
    .addOption(option('--store <url>', 'postgres://... store shared by several nodes, instead of --db (needs RTC_JWT_SECRET)', 'RTC_STORE'))
    .addOption(option('--redis <url>', 'redis://HOST:PORT: fan room events out to every node through Redis', 'RTC_REDIS'))
    .addOption(option('--tls-cert <file>', 'PEM certificate: serve https and wss (with --tls-key)', 'RTC_TLS_CERT'))
    .addOption(option('--tls-key <file>', 'PEM private key of --tls-cert', 'RTC_TLS_KEY'))
    // On/off variables are read by serve.ts (env-boolean.ts): commander's own .env() turns a boolean
    // option on whenever the variable is set, RTC_DEMO=false included.
    .addOption(
      new Option(
        '--demo',
        'seed the demo restaurants and users (password = username); only into a store with no other users (env: RTC_DEMO, on: 1, true, yes, on; off: 0, false, no, off, empty)',
      ),
    )
    .addOption(
      new Option(
        '--simulate [perMinute]',
        'with --demo: keep creating and advancing orders (default 12 a minute) (env: RTC_SIMULATE, on/off as RTC_DEMO, or orders a minute)',
      ),
    )
    .addOption(option('--token-ttl <duration>', 'lifetime of access tokens, e.g. 15m, 1h (clients renew them)', 'RTC_TOKEN_TTL').default('15m'))
    .addOption(option('--refresh-ttl <duration>', 'lifetime of a login (refresh token), e.g. 30d', 'RTC_REFRESH_TTL').default('30d'))
    .addOption(option('--recall-window <duration>', 'how long after a status change it may be recalled, e.g. 15m, 90s', 'RTC_RECALL_WINDOW').default('15m'))
    .addOption(
      option('--stream-head-quiet <duration>', 'longest a quiet restaurant room goes without a stream_head, at most 30s', 'RTC_STREAM_HEAD_QUIET').default('30s'),
    )
    .addOption(option('--rate-limit <burst:perSecond>', 'per-socket token bucket', 'RTC_RATE_LIMIT').default('30:10'))
    .addOption(option('--user-rate-limit <burst:perSecond>', 'per user over all sockets and HTTP calls (per address without a token)', 'RTC_USER_RATE_LIMIT').default('60:20'))
    .addOption(option('--cors-origin <origins>', 'comma-separated origins allowed besides the same origin, or * (default: same origin only)', 'RTC_CORS_ORIGIN'))
    .addOption(
      option(
        '--trust-proxy <addresses>',
        'proxies whose X-Forwarded-For names the client, for per-address limits: addresses, CIDR ranges or loopback (behind nginx on this machine: loopback)',
        'RTC_TRUST_PROXY',
      ),
    )
    .addOption(option('--customer-open-orders <count>', 'open orders one customer may have at once', 'RTC_CUSTOMER_OPEN_ORDERS').default('20'))
    .addOption(option('--max-pending <count>', 'open connections without a valid token; past it new ones are closed', 'RTC_MAX_PENDING').default('1000'))
    .addOption(option('--batch-ms <ms>', 'window for batching a busy room (0: off)', 'RTC_BATCH_MS').default('10'))
    .addOption(option('--high-water <bytes>', 'send buffer at which a slow socket is held back', 'RTC_HIGH_WATER').default(String(1024 * 1024)))
    .addOption(
      option('--log-level <level>', 'log level on stderr', 'RTC_LOG_LEVEL')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .addHelpText(
      'after',
      `
Each option can come from the environment variable named beside it; a flag wins over its variable.
RTC_JWT_SECRET sets the token secret (else it is kept in PATH.jwt-secret beside --db).
First start (a store without users, no --demo): makes the superadmin "admin", or RTC_ADMIN_USERNAME,
with the password in RTC_ADMIN_PASSWORD (at least 8 characters), else a generated one printed once
on stderr.
${example('rtc serve --demo --simulate', 'RTC_PORT=8080 RTC_DB=/var/lib/rtc/rtc.db rtc serve --host 0.0.0.0')}`,
    )
    .action(lazy(() => import('./serve.js')));
}
