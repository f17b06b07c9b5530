/** The compiled harness pieces the bench scripts share with `rtc bench` (built by `npm run build`). */
export { forkWorkers, forkWorker, shares, stopChild } from '../../dist/cli/bench-process-pool.js';
export { serveRpc } from '../../dist/cli/bench-worker-rpc.js';
export { startProbedServer, startRtcServer, probeDelta, RTC_BIN } from '../../dist/cli/bench-server.js';
export { summarize, percentile, median, round, ratio, nowMs } from '../../dist/cli/bench-stats.js';
export { inBatches } from '../../dist/cli/bench-batches.js';
