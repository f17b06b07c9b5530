import { measurePushVsPoll, rtcPushPollTarget, type PushPollResult } from '../../../bench/push-vs-poll.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { positiveFlag } from '../../program/flags.js';
import { printJson, printLine } from '../../program/output.js';

interface Flags extends GlobalFlags {
  clients: string;
  seconds: string;
  pollEvery: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
/** "54.2% less" or "54.2% more": push against poll, as a reader says it (never "-54.2% less"). */
export function comparedToPoll(push: number, poll: number): string {
  if (!(poll > 0)) return 'n/a';
  const percent = (100 * Math.abs(1 - push / poll)).toFixed(1);
  return `${percent}% ${push > poll ? 'more' : 'less'}`;
}

/** The comparison as a reader evaluating rtc wants it: both figures, and how far each is from the seed's 99.7% claim. */
export function describePushVsPoll(result: PushPollResult, pollEverySeconds: number): string[] {
  const { poll, push } = result;
  return [
    `${result.clients} clients, ${result.seconds} s each phase, on this machine (server measured from inside its process)`,
    `                      server CPU     bytes sent     delivered`,
    `  HTTP polling ${String(pollEverySeconds).padStart(3)} s   ${poll.cpuSeconds.toFixed(2).padStart(8)} s   ${kb(poll.bytesSent).padStart(12)}   ${poll.delivered} answers${poll.errors ? `, ${poll.errors} errors` : ''}`,
    `  rtc push            ${push.cpuSeconds.toFixed(2).padStart(8)} s   ${kb(push.bytesSent).padStart(12)}   ${push.delivered} events (${result.updates} update(s))`,
    `  push vs poll: push sent ${comparedToPoll(push.bytesSent, poll.bytesSent)} bytes and used ${comparedToPoll(push.cpuSeconds, poll.cpuSeconds)} CPU than polling (the seed claimed 99.7% less)`,
    `  at one update a minute push's bytes are mostly keep-alive: stream_head after the update and every 30 s (so a client can tell it missed an event) and rtc's 3-byte liveness beat to a socket sent nothing else for 4 s (so a screen knows within seconds that the server went silent)`,
  ];
}

export async function run(flags: Flags): Promise<number> {
  const clients = Math.round(positiveFlag(flags.clients, '--clients', 10_000));
  const seconds = positiveFlag(flags.seconds, '--seconds', 3600);
  const pollEvery = positiveFlag(flags.pollEvery, '--poll-every', 3600);
  const result = await measurePushVsPoll(rtcPushPollTarget(), {
    clients,
    seconds,
    pollIntervalMs: pollEvery * 1000,
    updateEveryMs: 60_000,
    clientsPerProcess: 400,
    onProgress: (text) => process.stderr.write(`… ${text}\n`),
  });
  if (flags.json) printJson(result);
  else for (const line of describePushVsPoll(result, pollEvery)) printLine(line);
  return 0;
}
