import type { AgeThresholds } from '../model/age.js';

/** What every ticket on screen needs besides its order: drawn the same way in columns and in the list. */
export interface TicketMarks {
  now: number;
  thresholds: AgeThresholds;
  selectedId: string | undefined;
  highlighted: ReadonlySet<string>;
  /** The number (bump key) each numbered ticket keeps for its life on the board (see TicketNumbers). */
  numbers: ReadonlyMap<string, number>;
}
