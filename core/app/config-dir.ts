import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The per-user settings folder: KIRINUKI_CONFIG_DIR, else the platform's config location. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KIRINUKI_CONFIG_DIR) return resolve(env.KIRINUKI_CONFIG_DIR);
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Kirinuki');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kirinuki');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'kirinuki');
}
