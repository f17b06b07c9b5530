import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRILL_OPTIONS, runDrill, type DrillOptions } from '../src/drill/drill.js';
import { removeDir, startTestServer } from './helpers/server.js';

const small: DrillOptions = {
  ...DEFAULT_DRILL_OPTIONS,
  watchers: 6,
  orders: 16,
  loss: 0.3,
  partitionSeconds: 1,
  latencyMs: 20,
  duplicate: 0.1,
  reorderMs: 0,
  timeoutSeconds: 20,
};

describe('the chaos drill', () => {
  it.each([1, 7, 2024])('converges with every fault on, seed %i', async (seed) => {
    const report = await runDrill({ ...small, seed });
    expect(report.firstDivergence).toBeNull();
    expect(report).toMatchObject({ converged: true, divergentWatchers: 0, watchers: 6, seed, server: 'embedded' });
    expect(report.events).toBeGreaterThanOrEqual(16);
    // Every fault acted, and the clients had to work for it.
    expect(report.dropped).toBeGreaterThan(0);
    expect(report.delayed).toBeGreaterThan(0);
    expect(report.duplicated).toBeGreaterThan(0);
    expect(report.partitioned).toBeGreaterThan(0);
    expect(report.resyncs).toBeGreaterThan(0);
    expect(report.recoveryMs.max).toBeGreaterThanOrEqual(report.recoveryMs.p99);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
  }, 60_000);

  it('every watcher converges for any mix of faults (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          loss: fc.constantFrom(0, 0.1, 0.5, 0.9),
          duplicate: fc.constantFrom(0, 0.2, 1),
          latencyMs: fc.constantFrom(0, 30),
          reorderMs: fc.constantFrom(0, 40),
          partitionSeconds: fc.constantFrom(0, 0.5),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        }),
        async (mix) => {
          const report = await runDrill({ ...small, watchers: 4, orders: 10, ...mix });
          expect(report.firstDivergence).toBeNull();
          expect(report.divergentWatchers).toBe(0);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);

  it('drives a running server with a superadmin token and leaves no fault behind', async () => {
    const server = await startTestServer({ streamHeadMs: 1000 });
    try {
      const token = await server.login('super');
      const report = await runDrill({ ...small, watchers: 4, orders: 8, partitionSeconds: 0.5, seed: 5, server: { url: server.url, token } });
      expect(report).toMatchObject({ converged: true, divergentWatchers: 0, server: server.url });
      expect(report.dropped + report.partitioned).toBeGreaterThan(0);
      expect(server.chaos.list()).toEqual([]);
      await expect(runDrill({ ...small, seed: 1, server: { url: server.url, token: await server.login('chef') } })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    } finally {
      await server.stop();
      removeDir(server.dir);
    }
  }, 60_000);
});
