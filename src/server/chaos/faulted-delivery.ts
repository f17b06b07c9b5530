import type { BatchMessage } from '../../protocol/events.js';
import { FAULTED_ROOM, HELD_ROOM, type RtcServer, type RtcSocket } from '../realtime/types.js';
import type { Fault } from './fault.js';

interface ReorderWindow {
  fault: Fault;
  messages: BatchMessage[];
  timer: NodeJS.Timeout;
}

/**
 * The broadcaster's tap: room broadcasts skip faulted sockets, and this sends them the same
 * events with their faults applied. Latency and partition act below, on the connection (see
 * SocketOutbox); here they are only counted, per business event.
 */
export class FaultedDelivery {
  private readonly windows = new Map<string, ReorderWindow>();

  constructor(
    private readonly io: RtcServer,
    private readonly faultsOf: (socketId: string) => Fault[] | undefined,
  ) {}

  readonly deliver = (rooms: string[], except: string[], messages: BatchMessage[]): void => {
    const nsp = this.io.of('/');
    const faulted = nsp.adapter.rooms.get(FAULTED_ROOM);
    if (!faulted) return;
    for (const id of faulted) {
      const socket = nsp.sockets.get(id);
      if (!socket || socket.rooms.has(HELD_ROOM)) continue;
      if (!rooms.some((room) => socket.rooms.has(room)) || except.some((room) => socket.rooms.has(room))) continue;
      const faults = this.faultsOf(id);
      if (faults) this.apply(socket, faults, messages);
    }
  };

  private apply(socket: RtcSocket, faults: Fault[], messages: BatchMessage[]): void {
    const partition = faults.find((fault) => fault.type === 'partition');
    if (partition) {
      partition.counts.partitioned += messages.length;
      return;
    }
    const losses = faults.filter((fault) => fault.type === 'loss');
    const duplicates = faults.filter((fault) => fault.type === 'duplicate');
    const out: BatchMessage[] = [];
    for (const message of messages) {
      const dropper = losses.find((fault) => fault.roll());
      if (dropper) {
        dropper.counts.dropped++;
        continue;
      }
      out.push(message);
      const duplicator = duplicates.find((fault) => fault.roll());
      if (duplicator) {
        duplicator.counts.duplicated++;
        out.push(message);
      }
    }
    if (out.length === 0) return;
    const latency = faults.find((fault) => fault.type === 'latency');
    if (latency) latency.counts.delayed += out.length;
    const reorder = faults.find((fault) => fault.type === 'reorder');
    if (reorder) this.hold(socket, reorder, out);
    else for (const message of out) send(socket, message);
  }

  /** Gathers a socket's events for the fault's window, then sends them shuffled. */
  private hold(socket: RtcSocket, fault: Fault, messages: BatchMessage[]): void {
    const open = this.windows.get(socket.id);
    if (open) {
      open.messages.push(...messages);
      return;
    }
    const windowMs = fault.spec.type === 'reorder' ? fault.spec.window : 0;
    const window: ReorderWindow = { fault, messages: [...messages], timer: setTimeout(() => this.release(socket), windowMs) };
    window.timer.unref();
    this.windows.set(socket.id, window);
  }

  private release(socket: RtcSocket): void {
    const window = this.windows.get(socket.id);
    if (!window) return;
    this.windows.delete(socket.id);
    const shuffled = [...window.messages];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(window.fault.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    window.fault.counts.reordered += shuffled.filter((message, i) => message !== window.messages[i]).length;
    if (socket.connected) for (const message of shuffled) send(socket, message);
  }

  /** Sends what reorder windows still hold, so nothing a client was meant to get is lost at a heal. */
  flushAll(): void {
    for (const [id, window] of this.windows) {
      clearTimeout(window.timer);
      const socket = this.io.of('/').sockets.get(id);
      if (socket) this.release(socket);
    }
    this.windows.clear();
  }
}

function send(socket: RtcSocket, message: BatchMessage): void {
  if (message.event === 'restaurant_order_received') socket.emit('restaurant_order_received', message.data);
  else socket.emit('order_status_updated', message.data);
}
