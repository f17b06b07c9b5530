import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How BackgroundCheckpointer runs; every field has a default. */
export interface BackgroundCheckpointOptions {
  /** Appends committed since the last checkpoint that start the next one (about 4 WAL pages each). */
  everyAppends?: number | undefined;
  /** 'full' when the store runs synchronous=FULL: the worker's connection checkpoints with the same syncs. */
  sync?: 'normal' | 'full' | undefined;
  /**
   * Worker checkpoints per checkpoint on the serving connection (which lets the log start over). Its
   * cost hardly depends on how much is left to copy (two fsyncs, ~8 ms here), so it comes every
   * second round: the WAL grows to about two rounds of appends (~60 MB) before it starts over.
   */
  finishEvery?: number | undefined;
}

/** SQLite's own automatic checkpoint, on the serving connection, while no worker runs them (pages). */
export const FOREGROUND_AUTOCHECKPOINT = 10_000;

/**
 * While a worker runs the checkpoints, the serving connection's automatic checkpoint is only a safety
 * net: four times the pages the worker is asked to copy at once.
 */
const SAFETY_NET_AUTOCHECKPOINT = 40_000;

/**
 * The worker: its own connection to the file, one PASSIVE checkpoint per message. PASSIVE never takes
 * the write lock and never waits, so the serving connection keeps committing meanwhile. Plain
 * JavaScript, evaluated: the same code runs from the built dist and from the TypeScript sources in
 * tests. Only dynamic import(): an eval worker is CommonJS or an ES module as the process's flags say.
 */
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { default: Database } = await import(workerData.driver);
  const db = new Database(workerData.path, { fileMustExist: true });
  db.pragma(workerData.sync === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('busy_timeout = 0');
  parentPort.on('message', (message) => {
    if (message === 'close') { db.close(); parentPort.close(); return; }
    const started = Date.now();
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      parentPort.postMessage({ ok: true, ms: Date.now() - started, log: result.log, checkpointed: result.checkpointed });
    } catch (error) {
      parentPort.postMessage({ ok: false, ms: Date.now() - started, error: String((error && error.message) || error) });
    }
  });
})();
`;

/** What the worker answers for one checkpoint. */
interface Round {
  ok: boolean;
  ms: number;
  log?: number;
  checkpointed?: number;
  error?: string;
}

/**
 * Copies the WAL into the database in a worker thread instead of on the serving connection.
 *
 * Why: under a stream of commands each advance dirties about four pages all over the orders, events
 * and their indexes, so SQLite's automatic checkpoint (every 10,000 WAL pages) came every ~2,500
 * advances and held the event loop ~40 ms each time, most of it the fsync of ~40 MB of WAL and of the
 * database: no command was read, decided or acknowledged meanwhile.
 *
 * How: the worker's PASSIVE checkpoint does the copying and the fsyncs, concurrently with commits.
 * The log only starts over from its beginning (instead of growing) when a write begins with every
 * frame copied, which a checkpoint that runs beside the commits never achieves; so after every
 * `finishEvery` rounds of the worker, the serving connection runs a PASSIVE checkpoint of its own
 * between two turns, which only has the frames committed meanwhile to copy (~8 ms, mostly its two
 * fsyncs, against ~40 ms for a whole checkpoint), and the next write restarts the log.
 *
 * Durability is unchanged: a commit is acknowledged once it is in the WAL, as before; a checkpoint
 * only moves committed pages, and SQLite's checkpoint is safe against a crash at any point. If the
 * worker fails, SQLite's own automatic checkpoint on the serving connection takes over again.
 */
export class BackgroundCheckpointer {
  private worker: Worker | undefined;
  private failed = false;
  private running = false;
  private closed = false;
  private appendsSince = 0;
  private roundsSince = 0;
  private readonly everyAppends: number;
  private readonly finishEvery: number;
  /** Checkpoints run and how long the worker took in all (ms), for tests and tools. */
  readonly stats = { rounds: 0, workerMs: 0, finishes: 0, finishMs: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly options: BackgroundCheckpointOptions = {},
  ) {
    this.everyAppends = options.everyAppends ?? 2_000;
    this.finishEvery = options.finishEvery ?? 2;
  }

  /** Counts appends just committed; starts a checkpoint in the worker once enough have come. */
  committed(appends: number): void {
    this.appendsSince += appends;
    if (this.running || this.closed || this.failed || this.appendsSince < this.everyAppends) return;
    const worker = this.worker ?? this.startWorker();
    if (!worker) return;
    this.appendsSince = 0;
    this.running = true;
    worker.postMessage('checkpoint');
  }

  /** Stops the worker (its connection closed first), waiting for a checkpoint under way to end. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }

  /** Started at the first checkpoint: a store that never writes much never starts a thread. */
  private startWorker(): Worker | undefined {
    try {
      const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.path, driver, sync: this.options.sync ?? 'normal' } });
      worker.on('message', (round: Round) => this.done(round));
      worker.on('error', () => this.fail());
      worker.on('exit', () => {
        if (!this.closed) this.fail();
      });
      // After the listeners, which ref it again: the thread never keeps the process alive.
      worker.unref();
      this.worker = worker;
      this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_AUTOCHECKPOINT}`);
      return worker;
    } catch {
      this.fail();
      return undefined;
    }
  }

  /** The worker copied what it could: copy the rest here, between two turns, so that the log starts over. */
  private done(round: Round): void {
    this.running = false;
    this.stats.rounds++;
    this.stats.workerMs += round.ms;
    // Never inside a transaction: every transaction of the store runs within one turn.
    if (!round.ok || ++this.roundsSince < this.finishEvery) return;
    if (this.closed || !this.db.open || this.db.inTransaction) return;
    this.roundsSince = 0;
    const started = Date.now();
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or a fault of the file: the next write reports a fault; the next round tries again.
    }
    this.stats.finishes++;
    this.stats.finishMs += Date.now() - started;
  }

  /** The worker is gone: SQLite's automatic checkpoint on the serving connection takes over. */
  private fail(): void {
    this.failed = true;
    this.running = false;
    this.worker = undefined;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${FOREGROUND_AUTOCHECKPOINT}`);
  }
}
