import type { RtcClient } from '../client/rtc-client.js';

/**
 * What the terminal UI needs from the client: its connection state, its events, and the two
 * requests a screen can make. RtcClient is one; component tests pass their own emitter.
 */
export type KitchenLink = Pick<RtcClient, 'state' | 'on' | 'off' | 'advance' | 'cancel'>;

/** What the order and admin views need: the same events, no requests. */
export type WatchLink = Pick<RtcClient, 'state' | 'on' | 'off'>;
