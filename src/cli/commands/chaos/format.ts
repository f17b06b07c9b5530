import type { FaultView } from '../../../protocol/chaos.js';
import { table } from '../../program/table.js';

export function describeFault(fault: FaultView): string {
  switch (fault.type) {
    case 'loss':
      return `loss ${percent(fault.rate)}`;
    case 'duplicate':
      return `duplicate ${percent(fault.rate)}`;
    case 'latency':
      return `latency ${fault.ms}${fault.jitter ? `±${fault.jitter}` : ''} ms`;
    case 'reorder':
      return `reorder within ${fault.window} ms`;
    case 'partition':
      return 'partition';
  }
}

export function describeScope(fault: FaultView): string {
  if (fault.restaurantId) return `restaurant ${fault.restaurantId}`;
  if (fault.userId) return `user ${fault.userId}`;
  return 'everyone';
}

const percent = (rate: number | undefined): string => `${Math.round((rate ?? 0) * 1000) / 10}%`;
const seconds = (ms: number): string => `${Math.ceil(ms / 1000)}s`;

export function faultLine(fault: FaultView): string {
  return `${fault.id}  ${describeFault(fault)} · ${describeScope(fault)} · ${seconds(fault.remainingMs)} left · seed ${fault.seed}`;
}

export function countsLine(fault: FaultView): string {
  const c = fault.counts;
  return `dropped ${c.dropped}, delayed ${c.delayed}, duplicated ${c.duplicated}, reordered ${c.reordered}, partitioned ${c.partitioned}, ignored ${c.ignored}`;
}

export function faultsTable(faults: readonly FaultView[]): string {
  return table(
    ['ID', 'FAULT', 'SCOPE', 'LEFT', 'SOCKETS', 'DROPPED', 'DELAYED', 'DUPLICATED', 'REORDERED', 'PARTITIONED', 'IGNORED'],
    faults.map((f) => [
      f.id,
      describeFault(f),
      describeScope(f),
      seconds(f.remainingMs),
      String(f.sockets),
      String(f.counts.dropped),
      String(f.counts.delayed),
      String(f.counts.duplicated),
      String(f.counts.reordered),
      String(f.counts.partitioned),
      String(f.counts.ignored),
    ]),
  );
}
