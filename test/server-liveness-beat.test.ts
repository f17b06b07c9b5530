import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LivenessBeat } from '../src/server/realtime/liveness-beat.js';
import { sleep } from './helpers/wait.js';

/**
 * A connection as the beat sees one: it records when it was beaten (ms since the test began), and
 * `say()` sends it some other packet, which engine.io announces with `packetCreate` as it does.
 */
function recorder(started: number) {
  const connection = new EventEmitter() as EventEmitter & { beats: number[]; heard: number[]; sendPacket(type: string): void; say(): void };
  connection.beats = [];
  connection.heard = [];
  connection.sendPacket = (type: string) => {
    connection.emit('packetCreate', { type });
    const at = Date.now() - started;
    connection.heard.push(at);
    if (type === 'noop') connection.beats.push(at);
  };
  connection.say = () => connection.sendPacket('message');
  return connection;
}

/** The longest gap (ms) between two things a connection heard, and from the last one to `until`. */
function longestSilence(heard: number[], from: number, until: number): number {
  const times = [from, ...heard.filter((at) => at >= from && at <= until), until];
  return Math.max(...times.slice(1).map((at, i) => at - times[i]!));
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
    expect(connections.every((connection) => connection.listenerCount('packetCreate') === 0)).toBe(true);
    const counts = connections.map((connection) => connection.beats.length);
    await sleep(1100);
    expect(connections.map((connection) => connection.beats.length)).toEqual(counts);
  });

  it('never beats a connection that is sent something else within each interval', async () => {
    const beat = new LivenessBeat(1000);
    const started = Date.now();
    const busy = Array.from({ length: 40 }, () => recorder(started));
    const idle = recorder(started);
    for (const connection of [...busy, idle]) beat.add(connection);
    // An event every 300 ms, as a busy room's watchers are sent: the beat has nothing to add.
    const talking = setInterval(() => busy.forEach((connection) => connection.say()), 300);
    busy.forEach((connection) => connection.say());
    await sleep(3200);
    clearInterval(talking);
    for (const connection of busy) expect(connection.beats).toEqual([]);
    expect(idle.beats.length).toBeGreaterThanOrEqual(3);
    for (const connection of [...busy, idle]) beat.remove(connection);
  });

  it('moves a connection sent something mid-interval so that its silence never passes the interval', async () => {
    const beat = new LivenessBeat(1000);
    const started = Date.now();
    const connections = Array.from({ length: 60 }, () => recorder(started));
    for (const connection of connections) beat.add(connection);
    // Each is sent one packet at its own moment, then left alone: the beat takes over from there.
    connections.forEach((connection, i) => setTimeout(() => connection.say(), 100 + i * 23));
    await sleep(4000);
    const now = Date.now() - started;
    for (const connection of connections) {
      // Allowance: one 50 ms tick, plus timer lateness on a loaded machine.
      expect(longestSilence(connection.heard, 1100, now)).toBeLessThanOrEqual(1000 + 50 + 150);
      // One packet mid-interval costs at most the beat it made unnecessary, never an extra one.
      expect(connection.beats.length).toBeLessThanOrEqual(4);
    }
    for (const connection of connections) beat.remove(connection);
  });
});
