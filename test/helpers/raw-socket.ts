import { io, type Socket } from 'socket.io-client';

/** A client written only from the contract: plain socket.io-client, default options but websocket. */
export interface RawClient {
  socket: Socket;
  /** Every event received, in order, as [name, payload]. */
  received: [string, any][];
  request(event: string, payload?: unknown): Promise<any>;
  close(): void;
}

export function connectRaw(url: string, token: string | undefined, extra: Record<string, unknown> = {}): Promise<RawClient> {
  const socket = io(url, { auth: token === undefined ? {} : { token, ...extra }, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: [string, any][] = [];
  socket.onAny((event, payload) => received.push([event, payload]));
  return new Promise((resolve, reject) => {
    socket.once('connect', () =>
      resolve({
        socket,
        received,
        request: (event, payload = {}) => socket.timeout(5000).emitWithAck(event, payload),
        close: () => socket.disconnect(),
      }),
    );
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

export function businessEvents(client: RawClient): [string, any][] {
  const out: [string, any][] = [];
  for (const [event, payload] of client.received) {
    if (event === 'batch_update') for (const m of payload.messages) out.push([m.event, m.data]);
    else if (event === 'restaurant_order_received' || event === 'order_status_updated') out.push([event, payload]);
  }
  return out;
}
