import { nowMs } from './dist.js';

/**
 * What a watcher process saw: for each event key ("ORDERID:VERSION", one per event), when each of its
 * clients received it. Latency is computed later, against the operator's emit times.
 */
export class Receipts {
  constructor() {
    this.byKey = new Map();
    this.total = 0;
  }

  record(key) {
    const at = nowMs();
    const list = this.byKey.get(key);
    if (list) list.push(at);
    else this.byKey.set(key, [at]);
    this.total++;
  }

  /** Latencies in ms for every receipt of a known emit; `unmatched` counts receipts with no emit (should be 0). */
  latencies(emits) {
    const latencies = [];
    // Per event, the earliest receipt in this process: whether the delay is the server's (all late) or the clients' (spread).
    const firstByKey = {};
    let unmatched = 0;
    for (const [key, times] of this.byKey) {
      const sent = emits[key];
      if (sent === undefined) {
        unmatched += times.length;
        continue;
      }
      let first = Infinity;
      for (const at of times) {
        latencies.push(Math.round((at - sent) * 100) / 100);
        first = Math.min(first, at - sent);
      }
      firstByKey[key] = Math.round(first * 100) / 100;
    }
    this.byKey.clear();
    return { latencies, firstByKey, unmatched, received: this.total };
  }
}
