/**
 * The seqs one SQLite group commit hands out, per restaurant stream: the stream's head is read once
 * per group (the first append of that restaurant), the following appends count on from it in memory,
 * and the group writes each touched head back once before its COMMIT, instead of one
 * `UPDATE ... RETURNING last_seq` per append.
 *
 * Exact because the whole group is one SQLite transaction holding the write lock: no other process
 * or connection can append to the stream between the read and the write-back. (PostgreSQL, where
 * nodes append concurrently, keeps its per-append row lock.) Nothing here outlives a transaction:
 * `reset` starts every attempt from the store.
 */
export class GroupSeqs {
  private readonly last = new Map<string, number>();

  /**
   * The seq the next event of `restaurantId` gets in this group; `readHead` answers the stream's
   * stored last seq, or undefined when there is no such restaurant. Only `taken` makes it count.
   */
  next(restaurantId: string, readHead: (restaurantId: string) => number | undefined): number | undefined {
    const last = this.last.get(restaurantId) ?? readHead(restaurantId);
    return last === undefined ? undefined : last + 1;
  }

  /** Records that the event numbered `seq` of `restaurantId` was written. */
  taken(restaurantId: string, seq: number): void {
    this.last.set(restaurantId, seq);
  }

  /** What was taken so far, to give back with `restore` when a savepoint rolls an append back. */
  mark(): Map<string, number> {
    return new Map(this.last);
  }

  /** Back to a `mark`: the appends after it were rolled back, their seqs are free again. */
  restore(mark: Map<string, number>): void {
    this.last.clear();
    for (const [restaurantId, seq] of mark) this.last.set(restaurantId, seq);
  }

  /** Writes each touched stream's head (its last seq taken), inside the group's transaction. */
  writeHeads(write: (restaurantId: string, lastSeq: number) => void): void {
    for (const [restaurantId, seq] of this.last) write(restaurantId, seq);
  }

  /** Forgets everything: a new transaction reads the heads again. */
  reset(): void {
    this.last.clear();
  }
}
