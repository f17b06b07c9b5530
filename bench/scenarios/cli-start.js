/**
 * Scenario 6, CLI start: wall time from spawn to exit of `rtc order advance ID` (against a live
 * server) and `rtc --version`, against `node -e ''` (the floor any Node CLI pays), taken in turns,
 * median of N each.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, nowMs, ratio, round, RTC_BIN } from '../lib/dist.js';
import { createOrders, loginDemo, prefill, tempDb } from '../lib/rtc-fixtures.js';
import { startRtc, withServer } from '../lib/scenario-kit.js';

function timed(args, env) {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(nowMs() - started);
    });
  });
}

export async function runCliStart({ runs }, progress) {
  const { db, cleanup } = tempDb();
  const configDir = mkdtempSync(join(tmpdir(), 'rtc-bench-config-'));
  try {
    // Four advances per order take it to Delivered.
    const { result: ids } = await prefill(db, (store) => createOrders(store, Math.ceil(runs / 4)));
    return await withServer(
      () => startRtc(db),
      async (server) => {
        const env = { ...process.env, RTC_SERVER: server.url, RTC_TOKEN: await loginDemo(server.url, 'chef'), RTC_CONFIG_DIR: configDir, NO_COLOR: '1' };
        const times = { node: [], version: [], advance: [] };
        for (let i = 0; i < runs; i++) {
          progress(`round ${i + 1}/${runs}`);
          times.node.push(await timed(['-e', ''], env));
          times.version.push(await timed([RTC_BIN, '--version'], env));
          times.advance.push(await timed([RTC_BIN, 'order', 'advance', ids[Math.floor(i / 4)]], env));
        }
        const medians = { node: round(median(times.node)), version: round(median(times.version)), advance: round(median(times.advance)) };
        const advanceRatio = ratio(medians.advance, medians.node);
        return {
          runs,
          medianMs: medians,
          ratio: { advance: advanceRatio, version: ratio(medians.version, medians.node) },
          target: { advance: 2 },
          met: advanceRatio <= 2,
        };
      },
    );
  } finally {
    cleanup();
    rmSync(configDir, { recursive: true, force: true });
  }
}
