import { execFile } from 'node:child_process';
import { KirinukiError } from '../errors.js';
import { ffprobePath } from './binaries.js';
import { ffmpegInputUrl } from './ffmpeg-input-url.js';

export interface FfprobeResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs ffprobe with `args` (an argument array, never a shell string) on `path`. A non-zero exit
 * becomes UNREADABLE_MEDIA naming the file, with ffprobe's own last error line.
 */
export function runFfprobe(
  args: string[],
  path: string,
  signal?: AbortSignal,
): Promise<FfprobeResult> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobePath(),
      ['-v', 'error', '-hide_banner', ...args, '-i', ffmpegInputUrl(path)],
      { maxBuffer: 256 * 1024 * 1024, signal, windowsHide: true },
      (error, stdout, stderr) => {
        if (signal?.aborted) {
          reject(new KirinukiError('CANCELLED', 'The operation was cancelled.'));
        } else if (error) {
          reject(unreadable(path, stderr || error.message));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

export function unreadable(path: string, detail: string): KirinukiError {
  const lines = detail.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last =
    lines
      .at(-1)
      ?.replace(/^\[[^\]]*\]\s*/, '')
      .replace(/^file:.*?: /, '') ?? 'unknown error';
  return new KirinukiError('UNREADABLE_MEDIA', `${path} is not a readable video file: ${last}`);
}
