import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { clampFraction, type StageOptions } from '../progress.js';
import { ffmpegPath } from './binaries.js';
import { ffmpegInputUrl } from './ffmpeg-input-url.js';
import { killAllFfmpeg, trackFfmpegProcess } from './ffmpeg-processes.js';
import { isFfmpegProgressEnd, parseFfmpegProgress } from './parse-ffmpeg-progress.js';
import { StderrTail } from './stderr-tail.js';

export { killAllFfmpeg };

export interface FfmpegInput {
  /** A local file; or, with `lavfi`, a libavfilter source graph (`testsrc2=size=640x360`). */
  path: string;
  /** Options placed before this input's `-i` (seeking, format). */
  options?: string[];
  /** `path` is a lavfi source graph, not a file. */
  lavfi?: boolean;
}

/** One ffmpeg run writing one file. fluent-ffmpeg (archived upstream) stays behind this file. */
export interface FfmpegJob {
  inputs: FfmpegInput[];
  /** Everything between the inputs and the output: maps, filters, codecs. Never `-f`. */
  outputOptions: string[];
  /** The final path; ffmpeg writes `<output>.part` and it is renamed when complete. */
  output: string;
  /** The muxer, given explicitly since `.part` says nothing (e.g. `mp4`). */
  format: string;
  /** The duration the output will have, which progress is a fraction of. */
  expectedDurationS: number;
}

export interface RunFfmpegOptions extends StageOptions {
  /** The `stage` name in progress reports (default `encode`). */
  stage?: string;
}

/** The temporary name an output is written under until ffmpeg has finished it. */
export function partialPath(output: string): string {
  return `${output}.part`;
}

/**
 * Runs one ffmpeg job: cancellable through `signal` (ffmpeg is killed, the partial file deleted,
 * CANCELLED thrown), progress as a fraction of the expected duration, FFMPEG_FAILED with
 * ffmpeg's last relevant stderr lines when it fails.
 */
export async function runFfmpeg(job: FfmpegJob, options: RunFfmpegOptions = {}): Promise<void> {
  const { signal } = options;
  throwIfAborted(signal);
  await mkdir(dirname(job.output), { recursive: true });
  const part = partialPath(job.output);
  const run = { killed: false };
  try {
    await execute(job, part, options, run);
    await assertWritten(part, job.output);
    throwIfAborted(signal);
    await rename(part, job.output);
  } catch (error) {
    await rm(part, { force: true });
    if (signal?.aborted || run.killed) throw cancelledError();
    throw error;
  }
  options.onProgress?.({ stage: options.stage ?? 'encode', fraction: 1 });
}

function execute(
  job: FfmpegJob,
  part: string,
  options: RunFfmpegOptions,
  run: { killed: boolean },
): Promise<void> {
  const { signal } = options;
  const command = buildCommand(job, part);
  const stderr = new StderrTail();
  return new Promise<void>((resolve, reject) => {
    // cancel and killAllFfmpeg both land here; a kill before the spawn is applied on 'start'
    const kill = (): void => {
      run.killed = true;
      if (command.ffmpegProc) command.kill('SIGKILL');
    };
    const untrack = trackFfmpegProcess(kill);
    const finish = (error?: Error): void => {
      untrack();
      signal?.removeEventListener('abort', kill);
      if (error) reject(error);
      else resolve();
    };
    signal?.addEventListener('abort', kill, { once: true });
    command
      .on('start', (line: string) => {
        if (process.env.KIRINUKI_DEBUG) process.stderr.write(`${line}\n`);
        if (run.killed || signal?.aborted) kill();
        const report = progressReporter(job.expectedDurationS, options);
        command.ffmpegProc?.stdout?.setEncoding('utf8').on('data', report);
      })
      .on('stderr', (line: string) => stderr.push(`${line}\n`))
      .on('error', (error: Error) => finish(failure(job, error, stderr)))
      .on('end', () => finish())
      .run();
  });
}

/** fluent-ffmpeg keeps the child process on the command without declaring it. */
type RunningCommand = ffmpeg.FfmpegCommand & { ffmpegProc?: ChildProcess };

function buildCommand(job: FfmpegJob, part: string): RunningCommand {
  const command: RunningCommand = ffmpeg().setFfmpegPath(ffmpegPath());
  job.inputs.forEach((input, index) => {
    command.input(input.lavfi ? input.path : ffmpegInputUrl(input.path));
    const global = index === 0 ? ['-nostdin', '-hide_banner'] : [];
    const format = input.lavfi ? ['-f', 'lavfi'] : [];
    addOptions(command.inputOptions.bind(command), [...global, ...format, ...(input.options ?? [])]);
  });
  addOptions(command.outputOptions.bind(command), [
    ...job.outputOptions,
    '-progress', 'pipe:1', '-nostats', '-v', 'warning',
  ]);
  return command.output(part).format(job.format);
}

/**
 * fluent-ffmpeg splits a lone array element at its space ("-vf scale=a b" → two args); passing
 * two or more options as separate arguments turns that off, so a filter string stays one argument
 * (a single option is never a filter here).
 */
function addOptions(add: (...options: string[]) => unknown, options: string[]): void {
  if (options.length > 0) add(...options);
}

/** Reports each new fraction once; the final 1 comes from runFfmpeg after the rename. */
function progressReporter(expectedDurationS: number, options: RunFfmpegOptions): (chunk: string) => void {
  let last = 0;
  return (chunk) => {
    for (const line of chunk.split(/\r?\n/)) {
      const parsed = isFfmpegProgressEnd(line) ? undefined : parseFfmpegProgress(line, expectedDurationS);
      const fraction = parsed === undefined ? undefined : Math.min(0.999, clampFraction(parsed));
      if (fraction === undefined || fraction <= last) continue;
      last = fraction;
      options.onProgress?.({ stage: options.stage ?? 'encode', fraction });
    }
  };
}

function failure(job: FfmpegJob, error: Error, stderr: StderrTail): Error {
  const lines = stderr.text() || error.message;
  if (/No space left on device/i.test(lines)) {
    return new KirinukiError('DISK_FULL', `The disk is full: ffmpeg could not write ${job.output}.`, { cause: error });
  }
  return new KirinukiError('FFMPEG_FAILED', `ffmpeg failed writing ${job.output}: ${lines}`, { cause: error });
}

async function assertWritten(part: string, output: string): Promise<void> {
  const size = await stat(part).then((s) => s.size, () => 0);
  if (size === 0) {
    throw new KirinukiError('FFMPEG_FAILED', `ffmpeg finished but wrote nothing to ${output}.`);
  }
}
