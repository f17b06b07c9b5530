import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the server keeps its database by default: the user's data directory, as each platform names it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RTC_DATA_DIR) return env.RTC_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'rtc');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'rtc');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'rtc');
}
