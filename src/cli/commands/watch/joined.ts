import type { RtcClient } from '../../../client/rtc-client.js';
import type { RtcError } from '../../../protocol/errors.js';

/** Refusals that mean the room will never be joined. */
const REFUSED = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);

/**
 * Resolves once the server has let the client into `room`; rejects with its refusal (forbidden, not
 * found), so that a watch that cannot work is one line on stderr and an exit code, not a screen.
 * Listen before asking to join: the answer can come back at once. A slow answer resolves after
 * `timeoutMs`, and the screen shows whatever comes next.
 */
export function untilJoined(client: RtcClient, room: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      client.off('event', onEvent);
      client.off('notice', onNotice);
    };
    const onEvent = ({ event, data }: { event: string; data: unknown }) => {
      if (event === 'room_joined' && (data as { room?: string }).room === room) (done(), resolve());
    };
    const onNotice = (notice: RtcError) => {
      if (REFUSED.has(notice.code)) (done(), reject(notice));
    };
    const timer = setTimeout(() => (done(), resolve()), timeoutMs);
    client.on('event', onEvent);
    client.on('notice', onNotice);
  });
}
