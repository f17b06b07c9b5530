import { nginxMissing } from './nginx.js';
import { postgresMissing } from './postgres.js';
import { redisMissing } from './redis.js';

export const IN_CI = process.env.CI === 'true';

/**
 * Which of the real services a suite needs are missing here. Without CI a suite skips and says
 * what is missing; with CI=true it runs anyway, so that a missing service fails it loudly.
 */
export async function missingServices(needs: { redis?: boolean; postgres?: boolean; nginx?: boolean }): Promise<string[]> {
  const missing: string[] = [];
  if (needs.redis) {
    const why = redisMissing();
    if (why) missing.push(why);
  }
  if (needs.postgres) {
    const why = await postgresMissing();
    if (why) missing.push(why);
  }
  if (needs.nginx) {
    const why = nginxMissing();
    if (why) missing.push(why);
  }
  return missing;
}

/** True when the suite must be skipped; logs the reason. */
export function skipUnlessAvailable(suite: string, missing: string[]): boolean {
  if (missing.length === 0) return false;
  if (IN_CI) {
    console.error(`${suite}: CI=true, so running without ${missing.join(' and ')}: expect failures`);
    return false;
  }
  console.warn(`${suite}: skipped, missing ${missing.join(' and ')} (install what is missing, or set CI=true to make this a failure)`);
  return true;
}
