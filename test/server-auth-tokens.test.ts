import { describe, expect, it } from 'vitest';
import { TokenService } from '../src/server/auth/tokens.js';
import { sleep } from './helpers/wait.js';

const chef = { id: 'chef', username: 'chef', role: 'staff' as const, restaurantId: 'r1' };

describe('TokenService', () => {
  it('verifies its own tokens, refuses others, and refuses a verified token once it has expired', async () => {
    // 3 s, not 1: a JWT's times are whole seconds, so a token made late in a second has a second less to live.
    const tokens = new TokenService(new TextEncoder().encode('one-secret-of-enough-length-123456'), 3);
    const other = new TokenService(new TextEncoder().encode('another-secret-of-enough-length-99'), 60);
    const token = await tokens.issue(chef);
    expect((await tokens.verify(token)).user).toEqual(chef);
    // Verified again: the same answer, whether or not it was remembered.
    expect((await tokens.verify(token)).user).toEqual(chef);
    await expect(tokens.verify(await other.issue(chef))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(token.slice(0, -2) + 'xx')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await sleep(4100);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'session expired', hint: 'run rtc login' });
  });
});
