import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition, decideTransition, nextStatus, TRANSITIONS } from '../src/domain/transitions.js';
import { parseStatusInput } from '../src/domain/status-input.js';
import { RtcError } from '../src/protocol/errors.js';
import { STATUSES, isTerminal, type Status } from '../src/protocol/status.js';

const status = fc.constantFrom(...STATUSES);
const command = fc.record({ to: fc.option(status, { nil: undefined }), expect: fc.option(status, { nil: undefined }) });

describe('order state machine', () => {
  it('matches the contract table', () => {
    expect(TRANSITIONS).toEqual({
      Pending: ['Confirmed', 'Cancelled'],
      Confirmed: ['Preparing', 'Cancelled'],
      Preparing: ['Out for Delivery', 'Cancelled'],
      'Out for Delivery': ['Delivered', 'Cancelled'],
      Delivered: [],
      Cancelled: [],
    });
  });

  it('advances along the happy path and stops at the end', () => {
    const path: Status[] = ['Pending'];
    let current: Status | undefined = 'Pending';
    while ((current = nextStatus(current!))) path.push(current);
    expect(path).toEqual(['Pending', 'Confirmed', 'Preparing', 'Out for Delivery', 'Delivered']);
    expect(() => decideTransition({ current: 'Delivered' })).toThrowError(/final/);
  });

  it('any sequence of commands only ever produces valid transitions', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let current: Status = 'Pending';
        for (const cmd of commands) {
          try {
            const next = decideTransition({ current, ...cmd });
            expect(canTransition(current, next)).toBe(true);
            if (cmd.expect) expect(cmd.expect).toBe(current);
            current = next;
          } catch (error) {
            expect(error).toBeInstanceOf(RtcError);
            expect(['INVALID_TRANSITION', 'CONFLICT']).toContain((error as RtcError).code);
          }
        }
        if (isTerminal(current)) expect(TRANSITIONS[current]).toEqual([]);
      }),
    );
  });

  it('refuses a stale expect with CONFLICT before anything else', () => {
    fc.assert(
      fc.property(status, status, fc.option(status, { nil: undefined }), (current, expected, to) => {
        fc.pre(current !== expected);
        const attempt = () => decideTransition({ current, to, expect: expected });
        expect(attempt).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
      }),
    );
  });

  it('reads statuses as people type them', () => {
    expect(parseStatusInput('out-for-delivery')).toBe('Out for Delivery');
    expect(parseStatusInput('OUT_FOR_DELIVERY')).toBe('Out for Delivery');
    expect(parseStatusInput(' pending ')).toBe('Pending');
    expect(parseStatusInput('delivred')).toBeUndefined();
  });
});
