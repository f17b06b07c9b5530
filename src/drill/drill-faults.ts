import type { ChaosApi } from '../client/chaos-api.js';
import type { FaultCounts, FaultRequest, FaultView } from '../protocol/chaos.js';
import { RtcError } from '../protocol/errors.js';

/** The faults one drill injected: what is still on, and the final counts of those it healed. */
export class DrillFaults {
  private readonly active = new Set<string>();
  readonly ended: FaultView[] = [];

  constructor(private readonly chaos: ChaosApi) {}

  async inject(request: FaultRequest): Promise<FaultView> {
    const { fault } = await this.chaos.inject(request);
    this.active.add(fault.id);
    return fault;
  }

  /** Heals through the API, which answers the fault's final counts. */
  async heal(id: string): Promise<void> {
    this.active.delete(id);
    try {
      this.ended.push((await this.chaos.heal(id)).fault);
    } catch (error) {
      // Expired in the meantime: its counts are gone with it.
      if (!(error instanceof RtcError && error.code === 'NOT_FOUND')) throw error;
    }
  }

  async healAll(): Promise<void> {
    for (const id of [...this.active]) await this.heal(id);
  }

  /** On the way out, whatever happened: a running server must not keep the drill's faults. */
  async abandon(): Promise<void> {
    await Promise.all([...this.active].map((id) => this.chaos.heal(id).catch(() => undefined)));
    this.active.clear();
  }

  total(key: keyof FaultCounts): number {
    return this.ended.reduce((sum, fault) => sum + fault.counts[key], 0);
  }
}
