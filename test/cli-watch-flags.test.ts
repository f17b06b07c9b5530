import { describe, expect, it } from 'vitest';
import { watchTarget } from '../src/cli/commands/watch/target.js';
import { parseThresholds } from '../src/cli/commands/watch/thresholds.js';
import type { User } from '../src/protocol/model.js';

const user = (role: User['role'], restaurantId: string | null): User => ({ id: 'u', username: role, role, restaurantId });

describe('what rtc watch shows', () => {
  it('defaults staff and admins to their own restaurant, and lets a flag choose', () => {
    expect(watchTarget({}, user('staff', 'r1'))).toEqual({ kind: 'restaurant', restaurantId: 'r1' });
    expect(watchTarget({}, user('admin', 'r2'))).toEqual({ kind: 'restaurant', restaurantId: 'r2' });
    expect(watchTarget({ restaurant: 'r9' }, user('superadmin', null))).toEqual({ kind: 'restaurant', restaurantId: 'r9' });
    expect(watchTarget({ order: 'ABC' }, user('customer', null))).toEqual({ kind: 'order', orderId: 'ABC' });
    expect(watchTarget({ admin: true }, user('superadmin', null))).toEqual({ kind: 'admin' });
  });

  it('says what to pass when there is no default, or too many choices', () => {
    expect(() => watchTarget({}, user('customer', null))).toThrow(/rtc watch --order ID/);
    expect(() => watchTarget({}, user('superadmin', null))).toThrow(/--restaurant R, or --admin/);
    expect(() => watchTarget({ admin: true, order: 'X' }, user('superadmin', null))).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});

describe('--warn and --late', () => {
  it('take minutes, decimals allowed', () => {
    expect(parseThresholds('5', '8')).toEqual({ warnMs: 300_000, lateMs: 480_000 });
    expect(parseThresholds('0.5', '1')).toEqual({ warnMs: 30_000, lateMs: 60_000 });
  });
  it('refuse nonsense with a message that names the flag', () => {
    expect(() => parseThresholds('soon', '8')).toThrow(/--warn takes minutes/);
    expect(() => parseThresholds('5', '0')).toThrow(/--late takes minutes/);
    expect(() => parseThresholds('9', '8')).toThrow(/must not be later than --late/);
  });
});
