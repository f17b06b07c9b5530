import { describe, expect, it } from 'vitest';
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

  it('refuses a client count it cannot run, with exit code 2', async () => {
    const result = await rtc(['bench', 'push-vs-poll', '--clients', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--clients');
  });
});
