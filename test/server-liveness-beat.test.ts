import { describe, expect, it } from 'vitest';
import { LivenessBeat } from '../src/server/realtime/liveness-beat.js';
import { sleep } from './helpers/wait.js';

/** A connection that records when it was beaten (ms since the test began). */
function recorder(started: number) {
  const beats: number[] = [];
  return { beats, sendPacket: (type: 'noop') => type === 'noop' && beats.push(Date.now() - started) };
}

describe('liveness beat', () => {
  it('beats every connection once per interval, a slice at a time, and stops with the last one', async () => {
    const beat = new LivenessBeat(1000);
    const started = Date.now();
    const connections = Array.from({ length: 200 }, () => recorder(started));
    for (const connection of connections) beat.add(connection);
    await sleep(120);
    // Two or three 50 ms ticks of twenty slices: a tenth or so of the connections, never all at once.
    const early = connections.filter((connection) => connection.beats.length > 0).length;
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThanOrEqual(40);
    await sleep(2100);
    for (const connection of connections) expect(connection.beats.length).toBeGreaterThanOrEqual(2);
    // Consecutive beats of one connection are one interval apart.
    const gaps = connections[7]!.beats.slice(1).map((at, i) => at - connections[7]!.beats[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThan(800);

    for (const connection of connections) beat.remove(connection);
    const counts = connections.map((connection) => connection.beats.length);
    await sleep(1100);
    expect(connections.map((connection) => connection.beats.length)).toEqual(counts);
  });
});
