import type { ConnectionState } from '../client/connection-state.js';
import type { RtcClient, RtcClientEvents } from '../client/rtc-client.js';

type Listener<K extends keyof RtcClientEvents> = (...args: RtcClientEvents[K]) => void;

/** What the order and admin views need from the client: its connection state and its events. */
export interface WatchLink {
  readonly state: ConnectionState;
  on<K extends keyof RtcClientEvents>(event: K, listener: Listener<K>): unknown;
  off<K extends keyof RtcClientEvents>(event: K, listener: Listener<K>): unknown;
}

/**
 * What the kitchen board needs besides: the two requests a screen makes. RtcClient is one; component
 * tests pass an emitter of their own.
 */
export interface KitchenLink extends WatchLink {
  advance: RtcClient['advance'];
  cancel: RtcClient['cancel'];
}
