/** The results as a plain-text table: one row per figure, rtc next to its baseline and the target. */
function fmt(value) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return 'n/a';
  return String(Number.isInteger(value) ? value : Math.round(value * 100) / 100);
}
const verdict = (met) => (met === true ? 'yes' : met === false ? 'NO' : '-');

function rows(results) {
  const out = [];
  const add = (scenario, metric, rtc, baseline, ratio, target, met) => out.push([scenario, metric, fmt(rtc), fmt(baseline), fmt(ratio), target ?? '', verdict(met)]);
  for (const [key, label] of [['fanout', '1 fan-out 1 room'], ['fanoutRooms', '1 fan-out many rooms'], ['fanout10k', '1 fan-out 10k watchers']]) {
    const r = results[key];
    if (!r) continue;
    const name = `${label} (${r.watchers} w, ${r.rooms} room(s))`;
    if (r.error) add(name, 'error', r.error);
    else
      for (const p of ['p50', 'p95', 'p99', 'max']) {
        const target = p === 'p50' || p === 'p99' ? '<= 1.25x raw' : '';
        add(name, `${p} ms`, r.rtc[p], r.raw[p], r.ratio[p], target, target ? r.ratio[p] <= 1.25 : null);
      }
    if (r.rtc?.firstReceiptMs) add(name, 'first receipt p50 ms', r.rtc.firstReceiptMs.p50, r.raw.firstReceiptMs.p50, '', 'server share', null);
    if (r.rtc?.lost) add(name, 'events lost', r.rtc.lost, r.raw.lost, '', '0', false);
    if (key === 'fanout10k' && r.rtc) {
      add(name, 'events lost', r.rtc.lost, r.raw.lost, '', '0', r.rtc.lost === 0);
      add(name, 'server CPU s', r.rtc.serverCpuSeconds, r.raw.serverCpuSeconds, r.rtc.serverCpuSeconds / r.raw.serverCpuSeconds, '', null);
      add(name, 'server RSS MB', r.rtc.serverRssMB, r.raw.serverRssMB, r.rtc.serverRssMB / r.raw.serverRssMB, '', null);
    }
  }
  const t = results.throughput;
  if (t?.error) add('2 throughput', 'error', t.error);
  else if (t) {
    add('2 throughput', 'acks/s vs raw+sqlite', t.rtc.acksPerSecond, t.rawInsert.acksPerSecond, t.ratio.vsRawInsert, '>= 0.7x', t.met);
    add('2 throughput', 'acks/s vs raw echo', t.rtc.acksPerSecond, t.rawEcho.acksPerSecond, t.ratio.vsRawEcho, '', null);
    add('2 throughput', 'p99 ms vs raw+sqlite', t.rtc.latencyMs.p99, t.rawInsert.latencyMs.p99, t.ratio.p99VsRawInsert, '', null);
    add('2 throughput', 'CPU us/ack vs raw+sqlite', t.rtc.serverCpuMicrosPerAck, t.rawInsert.serverCpuMicrosPerAck, t.ratio.cpuPerAckVsRawInsert, '', null);
    if (t.syncFull) add('2 throughput --sync full', 'acks/s vs raw+sqlite FULL', t.syncFull.rtc.acksPerSecond, t.syncFull.rawInsert.acksPerSecond, t.syncFull.ratio.vsRawInsert, '', null);
  }
  const m = results.memory;
  if (m?.error) add('3 memory', 'error', m.error);
  else if (m) {
    const span = `${m.counts[0]}->${m.counts[m.counts.length - 1]}`;
    add(`3 memory (${span})`, 'heap KB/watcher', m.rtc.heapPerWatcherKB, m.raw.heapPerWatcherKB, m.ratio.heap, '<= 1.2x raw', m.ratio.heap <= 1.2);
    add(`3 memory (${span})`, 'RSS KB/watcher', m.rtc.rssPerWatcherKB, m.raw.rssPerWatcherKB, m.ratio.rss, '<= 1.2x raw', m.ratio.rss <= 1.2);
  }
  const pp = results.pushVsPoll;
  if (pp?.error) add('4 push vs poll', 'error', pp.error);
  else if (pp) {
    const name = `4 push vs poll (${pp.clients} c, ${pp.seconds} s)`;
    add(name, 'push CPU s (vs raw push)', pp.rtc.push.cpuSeconds, pp.raw.push.cpuSeconds, pp.ratio.rtcPushVsRawPush.cpu, '<= 2x raw push', pp.ratio.rtcPushVsRawPush.cpu <= 2);
    add(name, 'push KB sent (vs raw push)', Math.round(pp.rtc.push.bytesSent / 1024), Math.round(pp.raw.push.bytesSent / 1024), pp.ratio.rtcPushVsRawPush.bytes, '<= 2x raw push', pp.ratio.rtcPushVsRawPush.bytes <= 2);
    add(name, 'poll CPU s (rtc, raw)', pp.rtc.poll.cpuSeconds, pp.raw.poll.cpuSeconds, '', '', null);
    add(name, 'poll KB sent (rtc, raw)', Math.round(pp.rtc.poll.bytesSent / 1024), Math.round(pp.raw.poll.bytesSent / 1024), '', '', null);
    add(name, 'push saves bytes % (rtc, raw)', pp.rtc.pushSavesPercent.bytes, pp.raw.pushSavesPercent.bytes, '', 'seed: 99.7%', null);
    add(name, 'push saves CPU % (rtc, raw)', pp.rtc.pushSavesPercent.cpu, pp.raw.pushSavesPercent.cpu, '', '', null);
  }
  const r = results.replay;
  if (r?.error) add('5 replay', 'error', r.error);
  else if (r) {
    add(`5 replay (${r.events} events)`, 'ms, batched (median)', r.batchedMs.median, '', '', '< 1000 ms', r.met);
    add(`5 replay (${r.events} events)`, 'ms, one by one (median)', r.oneByOneMs.median, '', '', '', null);
  }
  const c = results.cliStart;
  if (c?.error) add('6 CLI start', 'error', c.error);
  else if (c) {
    add(`6 CLI start (median of ${c.runs})`, 'rtc order advance ms', c.medianMs.advance, c.medianMs.node, c.ratio.advance, "<= 2x node -e ''", c.met);
    add(`6 CLI start (median of ${c.runs})`, 'rtc --version ms', c.medianMs.version, c.medianMs.node, c.ratio.version, '', null);
  }
  const b = results.boardRender;
  if (b?.error) add('7 board render', 'error', b.error);
  else if (b && !b.available) add('7 board render', b.note, '', '', '', '<= 16 ms', null);
  else if (b)
    for (const run of b.runs ?? []) {
      const name = `7 board render ${run.terminal ?? ''}`.trim();
      add(name, 'CPU ms/frame p95', run.cpuMsPerFrame?.p95, '', '', '<= 16 ms', run.cpuMsPerFrame?.p95 <= 16);
      add(name, 'wall ms/frame p95', run.msPerFrame?.p95, '', '', '', null);
    }
  const x = results.chaosOff;
  if (x?.error) add('8 chaos off', 'error', x.error);
  else if (x && !x.available) add('8 chaos off', x.note, '', '', '', '', null);
  else if (x) {
    const name = x.reusedScenario1 ? '8 chaos off (= scenario 1)' : '8 chaos off (fan-out again)';
    for (const p of ['p50', 'p99']) add(name, `${p} ms`, x.rtc[p], x.raw[p], x.ratio[p], '<= 1.25x raw', x.ratio[p] <= 1.25);
  }
  const k = results.clusterFanout;
  if (k?.error) add('cluster fan-out', 'error', k.error);
  else if (k && !k.available) add('cluster fan-out', k.note, '', '', '', '', null);
  else if (k) {
    add('cluster fan-out', '1 node p50 / p99 ms', `${k.oneNode?.p50} / ${k.oneNode?.p99}`, '', '', '', null);
    add('cluster fan-out', '3 nodes p50 / p99 ms', `${k.threeNodes?.all?.p50} / ${k.threeNodes?.all?.p99}`, '', '', '', null);
  }
  return out;
}

export function formatTable(results) {
  const header = ['scenario', 'figure', 'rtc', 'baseline', 'ratio', 'target', 'met'];
  const all = [header, ...rows(results)];
  const widths = header.map((_, i) => Math.min(60, Math.max(...all.map((row) => String(row[i]).length))));
  const line = (row) => row.map((cell, i) => String(cell).slice(0, 60).padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
