import { describe, expect, it } from 'vitest';
import { comparedToPoll, describePushVsPoll } from '../src/cli/commands/bench/push-vs-poll.js';
import { rtc } from './helpers/cli.js';

describe('rtc bench push-vs-poll', () => {
  it('measures both phases against its own server and prints them as JSON', async () => {
    const result = await rtc(['bench', 'push-vs-poll', '--clients', '20', '--seconds', '2', '--poll-every', '1', '--json'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.stdout);
    expect(figures).toMatchObject({ target: 'rtc', clients: 20, seconds: 2, updates: 1 });
    expect(figures.poll.delivered).toBeGreaterThanOrEqual(20);
    expect(figures.push.delivered).toBe(20);
    for (const phase of [figures.poll, figures.push]) {
      expect(phase.cpuSeconds).toBeGreaterThan(0);
      expect(phase.bytesSent).toBeGreaterThan(0);
    }
  }, 90_000);

  it('says more or less in words, never a negative "less"', () => {
    expect(comparedToPoll(45.8, 100)).toBe('54.2% less');
    expect(comparedToPoll(154.2, 100)).toBe('54.2% more');
    expect(comparedToPoll(1, 0)).toBe('n/a');
    const phase = (bytesSent: number, cpuSeconds: number) => ({ bytesSent, cpuSeconds, delivered: 20, errors: 0 });
    const lines = describePushVsPoll({ target: 'rtc', clients: 20, seconds: 2, updates: 1, poll: phase(1000, 1), push: phase(1542, 0.5) } as never, 1);
    const summary = lines.find((line) => line.includes('push vs poll'))!;
    expect(summary).toContain('push sent 54.2% more bytes and used 50.0% less CPU than polling');
    expect(summary).not.toMatch(/-\d/);
  });

  it('refuses a client count it cannot run, with exit code 2', async () => {
    const result = await rtc(['bench', 'push-vs-poll', '--clients', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--clients');
  });
});
