import { execFile } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KirinukiError } from '../errors.js';
import { unpackedPath } from '../resources.js';
import { isExecutable } from './is-executable.js';

const require = createRequire(import.meta.url);

type Tool = 'ffmpeg' | 'ffprobe';

const ENV_VARIABLE: Record<Tool, string> = {
  ffmpeg: 'KIRINUKI_FFMPEG',
  ffprobe: 'KIRINUKI_FFPROBE',
};

const INSTALLER_PACKAGE: Record<Tool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
};

const checked = new Set<string>();

/** The ffmpeg executable: `KIRINUKI_FFMPEG`, else the one shipped in `@ffmpeg-installer`. */
export function ffmpegPath(): string {
  return toolPath('ffmpeg');
}

/** The ffprobe executable: `KIRINUKI_FFPROBE`, else the one shipped in `@ffprobe-installer`. */
export function ffprobePath(): string {
  return toolPath('ffprobe');
}

/** The version line of ffmpeg, e.g. `N-47683-g0e8eb07980-static`, for the settings screen. */
export function ffmpegVersion(): Promise<string> {
  return toolVersion('ffmpeg');
}

export function ffprobeVersion(): Promise<string> {
  return toolVersion('ffprobe');
}

function toolPath(tool: Tool): string {
  const override = process.env[ENV_VARIABLE[tool]];
  const path = override ? override : installedPath(tool);
  if (!checked.has(path)) {
    ensureExecutable(tool, path, override ? ENV_VARIABLE[tool] : INSTALLER_PACKAGE[tool]);
    checked.add(path);
  }
  return path;
}

function installedPath(tool: Tool): string {
  try {
    const installer = require(INSTALLER_PACKAGE[tool]) as { path: string };
    return unpackedPath(installer.path);
  } catch (error) {
    throw new KirinukiError(
      'FILE_NOT_FOUND',
      `No ${tool} binary for this platform in ${INSTALLER_PACKAGE[tool]}; set ${ENV_VARIABLE[tool]} to an ${tool} executable.`,
      { cause: error },
    );
  }
}

/** npm 11 skips the installers' postinstall `chmod u+x`, so the binary may arrive without +x. */
function ensureExecutable(tool: Tool, path: string, origin: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new KirinukiError('FILE_NOT_FOUND', `${tool} not found at ${path} (from ${origin}).`, {
      cause: error,
    });
  }
  if (process.platform === 'win32' || isExecutable(path)) return;
  try {
    chmodSync(path, mode | 0o100);
  } catch (error) {
    throw new KirinukiError(
      'FILE_NOT_FOUND',
      `${tool} at ${path} is not executable and cannot be made so (from ${origin}).`,
      { cause: error },
    );
  }
}

async function toolVersion(tool: Tool): Promise<string> {
  const path = toolPath(tool);
  return new Promise((resolve, reject) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: 15_000 }, (error, stdout) => {
      if (error) {
        reject(new KirinukiError('FFMPEG_FAILED', `${tool} at ${path} did not run: ${error.message}`));
        return;
      }
      const first = stdout.split('\n')[0] ?? '';
      resolve(first.match(new RegExp(`^${tool} version (\\S+)`))?.[1] ?? first.trim());
    });
  });
}
