import { delimiter, join } from 'node:path';
import { KirinukiError } from '../errors.js';
import { isExecutable } from '../media/is-executable.js';

export const YTDLP_INSTALL_HINT =
  'install it with `sudo apt-get install yt-dlp` (Debian/Ubuntu), `pip install yt-dlp` or `brew install yt-dlp`, or set KIRINUKI_YTDLP to its path';

/** yt-dlp from `KIRINUKI_YTDLP`, else the first `yt-dlp` on PATH; missing → YTDLP_MISSING saying how to install it. */
export function findYtDlp(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.KIRINUKI_YTDLP;
  if (override) {
    if (isExecutable(override)) return override;
    throw new KirinukiError('YTDLP_MISSING', `KIRINUKI_YTDLP=${override} is not an executable yt-dlp; ${YTDLP_INSTALL_HINT}.`);
  }
  const names = process.platform === 'win32' ? ['yt-dlp.exe', 'yt-dlp'] : ['yt-dlp'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new KirinukiError('YTDLP_MISSING', `yt-dlp was not found on PATH, and it is needed to download the video; ${YTDLP_INSTALL_HINT}.`);
}
