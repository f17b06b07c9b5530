import type { Command } from 'commander';
import type { Lazy } from './main.js';

/** `rtc bench ...`: user-facing benchmarks, declared here, loaded on demand. */
export function registerBenchCommands(program: Command, lazy: Lazy): void {
  void program;
  void lazy;
}
