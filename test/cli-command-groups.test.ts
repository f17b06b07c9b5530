import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, groupsFor } from '../src/cli/main.js';
import { lazy } from '../src/cli/program/command-kit.js';

describe('command groups: the table main.ts loads from', () => {
  it('names exactly the top-level commands each register file adds', async () => {
    for (const group of COMMAND_GROUPS) {
      const program = new Command('rtc');
      (await group.load())(program, lazy);
      expect(program.commands.map((command) => command.name()).sort()).toEqual([...group.commands].sort());
    }
  });

  it('loads one group for a command line that names one, skipping global options and their values', () => {
    expect(groupsFor(['order', 'advance', 'A1'])).toHaveLength(1);
    expect(groupsFor(['order', 'advance', 'A1'])[0]!.commands).toEqual(['order']);
    expect(groupsFor(['--server', 'watch', '--token', 't', 'login'])[0]!.commands).toContain('login');
    expect(groupsFor(['--json', 'whoami'])[0]!.commands).toContain('whoami');
  });

  it('loads every group when no known command is named, so help and suggestions see them all', () => {
    for (const args of [[], ['--help'], ['help', 'order'], ['ordr', 'list'], ['--profile', 'p'], ['--', 'order']]) {
      expect(groupsFor(args)).toBe(COMMAND_GROUPS);
    }
  });
});
