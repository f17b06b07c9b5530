/**
 * Preloaded (node --import) into every server the benchmarks start, rtc and baselines alike, so
 * both are measured the same way from inside: CPU time, memory after a forced GC (with
 * --expose-gc), and the bytes its TCP sockets wrote and read. Answers { probe } IPC messages.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';

const open = new Set<Socket>();
let closedWritten = 0;
let closedRead = 0;

subscribe('net.server.socket', (message) => {
  const socket = (message as { socket: Socket }).socket;
  open.add(socket);
  socket.once('close', () => {
    closedWritten += socket.bytesWritten;
    closedRead += socket.bytesRead;
    open.delete(socket);
  });
});

export interface ProbeSample {
  /** process.cpuUsage(): user and system microseconds since start. */
  cpu: { user: number; system: number };
  memory: NodeJS.MemoryUsage;
  bytesWritten: number;
  bytesRead: number;
  openSockets: number;
}

function sample(collectGarbage: boolean): ProbeSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collectGarbage && gc) {
    gc();
    gc();
  }
  let bytesWritten = closedWritten;
  let bytesRead = closedRead;
  for (const socket of open) {
    bytesWritten += socket.bytesWritten;
    bytesRead += socket.bytesRead;
  }
  return { cpu: process.cpuUsage(), memory: process.memoryUsage(), bytesWritten, bytesRead, openSockets: open.size };
}

if (process.send) {
  process.on('message', (message: { probe?: number; gc?: boolean; heapSnapshot?: string }) => {
    // For heap investigations (see bench/README.md): where the memory per connection goes.
    if (message?.heapSnapshot) writeHeapSnapshot(message.heapSnapshot);
    if (message?.probe !== undefined) process.send?.({ probeReply: message.probe, sample: sample(message.gc === true) });
  });
  // The probe must not keep a stopped server alive.
  (process.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
}
