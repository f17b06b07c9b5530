import type { AnswerOf, BatchMessage, ClientToServerEvents, StreamHeadPayload } from '../protocol/events.js';

/**
 * What applying one stream message did: `hole` (a seq or version is missing) and `epoch` (the message
 * comes from another store) both mean the model must re-join its room to catch up.
 */
export type ApplyResult = 'applied' | 'duplicate' | 'hole' | 'epoch';

/** Sends one request and unwraps its acknowledgement; a refusal is thrown as the server's RtcError. */
export type Requester = <E extends keyof ClientToServerEvents>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
) => Promise<AnswerOf<E>>;

/**
 * A model kept up to date from one room's stream: what a subscription needs of it. The subscription
 * decides when to join (first, after a reconnect, on a hole or a new epoch) and in what order messages
 * reach the model; the model knows its room, where it stands (`since`) and how to apply.
 * `RestaurantBoard` and `OrderTimeline` are the two; the admin room has a model with no state.
 */
export interface StreamModel {
  /** The room it follows, as `protocol/rooms.ts` names it. */
  readonly room: string;
  /**
   * Joins the room asking only for what follows what the model holds (`since`), and loads the answer:
   * the snapshot, after which the server replays the missed events. Throws the server's RtcError.
   */
  join(request: Requester): Promise<void>;
  /** Leaves the room on the server; the model keeps what it holds. Throws like `join`. */
  leave(request: Requester): Promise<unknown>;
  /** Applies one message routed to this room, each once and in order. */
  receive(message: BatchMessage): ApplyResult;
  /** After an `epoch` result: forget whatever would make the next join ask for `since` of another store. */
  forgetEpoch(): void;
  /** What a stream head says of the model: `epoch` (another store), `behind` (events were lost), or nothing. */
  compareHead(head: StreamHeadPayload): 'epoch' | 'behind' | undefined;
}
