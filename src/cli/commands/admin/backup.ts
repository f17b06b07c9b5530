import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export interface BackupFlags {
  db: string;
  to: string;
  force?: boolean;
}

/** `rtc admin backup --db PATH --to FILE`: prints what it wrote (`--json`: the BackupResult). */
export async function run(flags: BackupFlags & GlobalFlags): Promise<number> {
  const { backupStore } = await import('../../../server/store/backup-store.js');
  const result = await backupStore(flags.db, flags.to, { overwrite: flags.force ?? false });
  if (flags.json) printJson(result);
  else printLine(`backed up ${result.db} to ${result.to}: ${result.orders} orders, ${result.events} events, ${result.bytes} bytes (restore: README "Backing up and restoring")`);
  return 0;
}
