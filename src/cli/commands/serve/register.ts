import { Option, type Command } from 'commander';
import type { Lazy } from '../../program/lazy.js';

/** `rtc serve`: declared here (flags and defaults), run by ./serve.js loaded on demand. */
export function registerServeCommand(program: Command, lazy: Lazy): void {
  program
    .command('serve')
    .description('start the server (Socket.IO + HTTP API) on an embedded SQLite file, or as one of several nodes')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '4000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'SQLite file, or :memory: (default: rtc.db in your data directory)')
    .addOption(new Option('--sync <mode>', 'SQLite durability: normal survives a crash of rtc, full a power cut too (slower)').choices(['normal', 'full']).default('normal'))
    .option('--store <url>', 'postgres://... store shared by several nodes, instead of --db (needs RTC_JWT_SECRET)')
    .option('--redis <url>', 'redis://HOST:PORT: fan room events out to every node through Redis')
    .option('--tls-cert <file>', 'PEM certificate: serve https and wss (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--demo', 'seed the demo restaurants and users (password = username)')
    .option('--simulate [perMinute]', 'with --demo: keep creating and advancing orders (default 12 a minute)')
    .option('--token-ttl <duration>', 'lifetime of issued tokens, e.g. 12h, 30m', '12h')
    .option('--rate-limit <burst:perSecond>', 'per-socket token bucket', '30:10')
    .option('--user-rate-limit <burst:perSecond>', 'per user over all sockets and HTTP calls (per address without a token)', '60:20')
    .option('--cors-origin <origins>', 'comma-separated origins allowed besides the same origin, or * (default: same origin only)')
    .option('--max-pending <count>', 'open connections without a valid token; past it new ones are closed', '1000')
    .option('--batch-ms <ms>', 'window for batching a busy room (0: off)', '10')
    .option('--high-water <bytes>', 'send buffer at which a slow socket is held back', String(1024 * 1024))
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .action(lazy(() => import('./serve.js')));
}
