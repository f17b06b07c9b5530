import { DEFAULT_FAULT_SECONDS, type FaultRequest, type FaultView } from '../../protocol/chaos.js';
import { RtcError } from '../../protocol/errors.js';
import type { User } from '../../protocol/model.js';
import type { Logger } from '../logger.js';
import type { Broadcaster } from '../realtime/broadcaster.js';
import { FAULTED_ROOM, HELD_ROOM, type RtcServer, type RtcSocket } from '../realtime/types.js';
import type { Store } from '../store/store.js';
import { Fault } from './fault.js';
import { FaultedDelivery } from './faulted-delivery.js';
import { randomSeed } from '../../lib/seeded-random.js';
import { SocketOutbox } from './socket-outbox.js';

export interface ChaosDeps {
  io: RtcServer;
  broadcaster: Broadcaster;
  store: Store;
  log: Logger;
}

const MAX_ACTIVE_FAULTS = 100;

/**
 * Fault injection, in memory only (a restart heals everything). While no fault is active it is
 * not on the send path at all: no tap, no room listeners, no socket in FAULTED_ROOM, and the
 * request gate answers from one size check. A fault puts the sockets it matches in FAULTED_ROOM,
 * so broadcasts skip them and the tap delivers to them through the fault instead.
 */
export class ChaosModule {
  private readonly faults = new Map<string, Fault>();
  /** Active faults per faulted socket, in the order they were injected. */
  private readonly socketFaults = new Map<string, Fault[]>();
  private readonly outboxes = new Map<string, SocketOutbox>();
  private readonly watchedForDisconnect = new WeakSet<RtcSocket>();
  private readonly delivery: FaultedDelivery;
  private nextId = 1;
  private attached = false;

  constructor(private readonly deps: ChaosDeps) {
    this.delivery = new FaultedDelivery(deps.io, (id) => this.socketFaults.get(id));
  }

  async inject(request: FaultRequest, by: User): Promise<FaultView> {
    if (this.faults.size >= MAX_ACTIVE_FAULTS) {
      throw RtcError.badRequest(`${MAX_ACTIVE_FAULTS} faults are active already`, { hint: 'heal some first (rtc chaos heal)' });
    }
    const { store } = this.deps;
    if (request.restaurantId && !(await store.getRestaurant(request.restaurantId))) {
      throw RtcError.notFound('restaurant', request.restaurantId);
    }
    let userId = request.userId;
    if (userId) {
      const user = (await store.getUser(userId)) ?? (await store.getUserByUsername(userId));
      if (!user) throw RtcError.notFound('user', userId);
      userId = user.id;
    }
    const spec = {
      ...request,
      ...(userId ? { userId } : {}),
      seed: request.seed ?? randomSeed(),
      forSeconds: request.forSeconds ?? DEFAULT_FAULT_SECONDS,
    };
    const fault = new Fault(`f${this.nextId++}`, spec, by.id);
    this.faults.set(fault.id, fault);
    fault.expiry = setTimeout(() => this.end(fault, 'expired'), spec.forSeconds * 1000);
    fault.expiry.unref();
    this.attach();
    this.refreshAll();
    const view = fault.view();
    this.deps.log.warn({ chaos: view, by: by.id }, `chaos: ${fault.type} fault ${fault.id} injected`);
    return view;
  }

  list(): FaultView[] {
    const now = Date.now();
    return [...this.faults.values()].map((fault) => fault.view(now));
  }

  get(id: string): FaultView {
    return this.find(id).view();
  }

  heal(id: string, by: User): FaultView {
    return this.end(this.find(id), 'healed', by.id);
  }

  healAll(by: User): FaultView[] {
    return [...this.faults.values()].map((fault) => this.end(fault, 'healed', by.id));
  }

  /** The socket request gate: a partitioned socket's requests are ignored, unanswered. */
  readonly accepts = (socket: RtcSocket, event?: string, payload?: unknown): boolean => {
    if (this.faults.size === 0) return true;
    const partition =
      this.socketFaults.get(socket.id)?.find((fault) => fault.type === 'partition') ??
      [...this.faults.values()].find((fault) => fault.type === 'partition' && event !== undefined && fault.claims(event, payload));
    if (!partition) return true;
    partition.counts.ignored++;
    return false;
  };

  /** At shutdown: ends every fault without waiting for timers. */
  stop(): void {
    for (const fault of this.faults.values()) clearTimeout(fault.expiry);
    this.faults.clear();
    this.refreshAll();
    this.delivery.flushAll();
    for (const outbox of this.outboxes.values()) outbox.restore();
    this.outboxes.clear();
    this.detach();
  }

  private find(id: string): Fault {
    const fault = this.faults.get(id);
    if (!fault) throw new RtcError('NOT_FOUND', `no active fault ${id}`, { hint: 'rtc chaos status lists them (it may have expired)' });
    return fault;
  }

  private end(fault: Fault, why: 'healed' | 'expired', by?: string): FaultView {
    clearTimeout(fault.expiry);
    fault.endedAt = Date.now();
    const view = fault.view();
    this.faults.delete(fault.id);
    this.refreshAll();
    if (this.faults.size === 0) this.detach();
    this.deps.log.warn({ chaos: view, ...(by ? { by } : {}) }, `chaos: ${fault.type} fault ${fault.id} ${why}`);
    return view;
  }

  private attach(): void {
    if (this.attached) return;
    this.attached = true;
    const adapter = this.deps.io.of('/').adapter;
    adapter.on('join-room', this.onRoomChange);
    adapter.on('leave-room', this.onRoomChange);
    this.deps.broadcaster.tap = this.delivery.deliver;
  }

  private detach(): void {
    if (!this.attached) return;
    this.attached = false;
    const adapter = this.deps.io.of('/').adapter;
    adapter.off('join-room', this.onRoomChange);
    adapter.off('leave-room', this.onRoomChange);
    if (this.deps.broadcaster.tap === this.delivery.deliver) this.deps.broadcaster.tap = undefined;
  }

  /** A socket that connects (joins its user room) or joins or leaves a restaurant may start or stop matching. */
  private readonly onRoomChange = (room: string, id: string): void => {
    if (room === FAULTED_ROOM || room === HELD_ROOM || room === id) return;
    const socket = this.deps.io.of('/').sockets.get(id);
    if (socket) this.refresh(socket);
  };

  private refreshAll(): void {
    const sockets = this.deps.io.of('/').sockets;
    for (const socket of sockets.values()) this.refresh(socket);
    for (const id of [...this.socketFaults.keys()]) if (!sockets.has(id)) this.forget(id);
  }

  private refresh(socket: RtcSocket): void {
    const matched: Fault[] = [];
    for (const fault of this.faults.values()) {
      if (fault.matches(socket)) {
        matched.push(fault);
        fault.sockets.add(socket.id);
      } else {
        fault.sockets.delete(socket.id);
      }
    }
    if (matched.length === 0) {
      this.socketFaults.delete(socket.id);
      if (socket.rooms.has(FAULTED_ROOM)) socket.leave(FAULTED_ROOM);
    } else {
      this.socketFaults.set(socket.id, matched);
      if (!socket.rooms.has(FAULTED_ROOM)) socket.join(FAULTED_ROOM);
      if (!this.watchedForDisconnect.has(socket)) {
        this.watchedForDisconnect.add(socket);
        socket.once('disconnect', () => this.forget(socket.id));
      }
    }
    this.configureOutbox(socket, matched);
  }

  private configureOutbox(socket: RtcSocket, matched: Fault[]): void {
    const muted = matched.some((fault) => fault.type === 'partition');
    const latency = matched
      .filter((fault) => fault.type === 'latency')
      .sort((a, b) => (b.spec.type === 'latency' ? b.spec.ms : 0) - (a.spec.type === 'latency' ? a.spec.ms : 0))[0];
    let outbox = this.outboxes.get(socket.id);
    if (!outbox && !muted && !latency) return;
    if (!outbox) {
      outbox = new SocketOutbox(socket, () => {
        this.outboxes.get(socket.id)?.restore();
        this.outboxes.delete(socket.id);
      });
      this.outboxes.set(socket.id, outbox);
    }
    outbox.configure({ muted, delay: latency ? () => latency.delayMs() : undefined });
  }

  /** A socket that is gone: it may have been left in FAULTED_ROOM by a refresh during its own disconnect. */
  private forget(id: string): void {
    this.socketFaults.delete(id);
    for (const fault of this.faults.values()) fault.sockets.delete(id);
    this.outboxes.get(id)?.restore();
    this.outboxes.delete(id);
    void this.deps.io.of('/').adapter.del(id, FAULTED_ROOM);
  }
}
