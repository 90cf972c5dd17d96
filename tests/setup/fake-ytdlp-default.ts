import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fakeYtDlp } from '../helpers/fake-ytdlp.js';

/**
 * Tests never reach YouTube: every run that would ask yt-dlp for a video's chat, captions and
 * info gets the fake (an unknown id is an ordinary upload with none of them), and a download from
 * a test's loopback server goes through to the real yt-dlp. A test that sets KIRINUKI_YTDLP
 * itself (a missing yt-dlp, a fake mode) overrides this.
 */
function realYtDlp(): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'yt-dlp')).find((path) => existsSync(path));
}

if (process.env.KIRINUKI_YTDLP === undefined) {
  process.env.KIRINUKI_YTDLP = fakeYtDlp();
  process.env.FAKE_YTDLP_UNKNOWN = 'upload';
  // the recorded captions are panel.mp4's, not any recorded video's: by default none are served
  process.env.FAKE_YTDLP_MODE = 'no-captions';
  const real = realYtDlp();
  if (real) process.env.FAKE_YTDLP_REAL = real;
}
