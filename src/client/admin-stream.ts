import { ADMIN_ROOM } from '../protocol/rooms.js';
import type { ApplyResult, Requester, StreamModel } from './stream-model.js';

/**
 * The admin room as a stream with no state: joining it is all there is (its `system_stats_changed`
 * events are not sequenced and go straight to the client's `stats` listeners).
 */
export class AdminStream implements StreamModel {
  readonly room = ADMIN_ROOM;

  async join(request: Requester): Promise<void> {
    await request('join_admin_room', {});
  }

  /** The server has no leave for the admin room: the socket stays in it until it disconnects. */
  async leave(): Promise<void> {}

  receive(): ApplyResult {
    return 'duplicate';
  }

  forgetEpoch(): void {}

  compareHead(): undefined {
    return undefined;
  }
}
