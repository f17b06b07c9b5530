/** The compiled harness pieces the bench scripts share with `rtc bench` (built by `npm run build`). */
export { forkWorkers, forkWorker, shares, stopChild } from '../../dist/bench/process-pool.js';
export { serveRpc } from '../../dist/bench/worker-rpc.js';
export { startProbedServer, startRtcServer, probeDelta, RTC_BIN } from '../../dist/bench/server.js';
export { summarize, percentile, median, round, ratio, nowMs } from '../../dist/bench/stats.js';
export { inBatches } from '../../dist/bench/batches.js';
export { RtcWatchers } from '../../dist/bench/rtc-watchers.js';
