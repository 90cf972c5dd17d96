import { execFile } from 'node:child_process';
import { findYtDlp } from '../acquire/find-ytdlp.js';
import { ffmpegPath, ffmpegVersion, ffprobePath, ffprobeVersion } from '../media/binaries.js';
import type { ToolInfo } from './views.js';

function ytdlpVersion(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout.trim());
    });
  });
}

async function probeTool(
  name: ToolInfo['name'],
  path: () => string,
  version: (path: string) => Promise<string>,
  fix: string,
): Promise<ToolInfo> {
  let where: string | null = null;
  try {
    where = path();
    return { name, path: where, version: await version(where), problem: null };
  } catch (error) {
    return { name, path: where, version: null, problem: `${(error as Error).message.split('\n')[0]} ${fix}` };
  }
}

/** ffmpeg, ffprobe and yt-dlp as the pipeline will run them, with their versions. */
export async function detectTools(): Promise<ToolInfo[]> {
  return Promise.all([
    probeTool('ffmpeg', ffmpegPath, () => ffmpegVersion(), 'Reinstall Kirinuki or set KIRINUKI_FFMPEG.'),
    probeTool('ffprobe', ffprobePath, () => ffprobeVersion(), 'Reinstall Kirinuki or set KIRINUKI_FFPROBE.'),
    probeTool('yt-dlp', () => findYtDlp(), ytdlpVersion, 'Without it, open local video files instead of downloading.'),
  ]);
}
