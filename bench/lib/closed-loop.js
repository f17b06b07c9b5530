import { nowMs } from './dist.js';

/**
 * Each client sends its next request as soon as the last one is acked, until the time is up.
 * `step(client, n)` sends request n of that client and resolves on its ack (rejects on a refusal).
 */
export async function runClosedLoop(clients, seconds, step) {
  const latencies = [];
  let acks = 0;
  let errors = 0;
  const started = nowMs();
  const cpu = process.cpuUsage();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      for (let n = 0; nowMs() < deadline; n++) {
        const sent = nowMs();
        try {
          const more = await step(client, n);
          acks++;
          latencies.push(Math.round((nowMs() - sent) * 100) / 100);
          if (more === false) break;
        } catch {
          errors++;
        }
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  // The client process's own CPU: on a shared machine a heavy client slows its server's figures.
  return { acks, errors, latencies, seconds: (nowMs() - started) / 1000, clientCpuSeconds: (used.user + used.system) / 1e6 };
}
