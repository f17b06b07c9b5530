import { describe, expect, it } from 'vitest';
import { rtc } from './helpers/cli.js';
import { removeDir, tempDir } from './helpers/server.js';
import { afterAll } from 'vitest';

/** What a user types that the client must refuse itself, before any request (attacker trial, minor items). */
const config = tempDir();
afterAll(() => removeDir(config));
const env = { RTC_CONFIG_DIR: config, RTC_SERVER: undefined, RTC_TOKEN: undefined };

describe('server URLs: only http and https, refused with exit 2 before anything is sent', () => {
  it.each(['file:///etc/passwd', 'ftp://host/', 'javascript:alert(1)', 'localhost:4000', 'not a url'])('refuses --server %s, for a command and for login', async (url) => {
    for (const args of [['--server', url, '--token', 't', 'whoami'], ['--server', url, 'login', '-u', 'a', '--password-stdin']]) {
      const result = await rtc(args, { env, input: 'password\n' });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/--server .* is not an http or https URL.*http:\/\/127\.0\.0\.1:4000 \[BAD_REQUEST\]/);
    }
  });

  it('names RTC_SERVER when the URL came from there', async () => {
    const result = await rtc(['order', 'list'], { env: { ...env, RTC_SERVER: 'file:///etc/passwd', RTC_TOKEN: 't' } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^rtc: RTC_SERVER "file:\/\/\/etc\/passwd" is not an http or https URL/);
  });
});
