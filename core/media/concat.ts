import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KirinukiError } from '../errors.js';
import type { StageOptions } from '../progress.js';
import { buildConcatFilter } from './build-concat-filter.js';
import { encodeOptions } from './encode-options.js';
import { probeMedia, type MediaInfo } from './probe.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface ConcatRequest extends StageOptions {
  /** The clips, in the order they play. */
  inputs: string[];
  output: string;
  /** Re-encode even when the clips could be joined by stream copy. */
  reencode?: boolean;
}

export interface ConcatResult {
  path: string;
  durationS: number;
  width: number;
  height: number;
  /** True when the clips were joined without re-encoding (they all had the same streams). */
  copied: boolean;
}

/**
 * Joins clips into one video (the summary reel). Clips Kirinuki rendered with one preset share
 * their streams and are joined by stream copy, instantly; others are scaled to the first clip's
 * size and re-encoded in one pass.
 */
export async function concatClips(request: ConcatRequest): Promise<ConcatResult> {
  if (request.inputs.length === 0) {
    throw new KirinukiError('INVALID_ARGUMENT', `No clips to join into ${request.output}.`);
  }
  const infos: MediaInfo[] = [];
  for (const input of request.inputs) infos.push(await probeMedia(input, { signal: request.signal }));
  const total = infos.reduce((sum, info) => sum + info.durationS, 0);
  const copied = !request.reencode && infos.every((info) => sameStreams(info, infos[0]!));
  if (copied) await joinByCopy(request, total);
  else await joinByEncode(request, infos, total);
  const joined = await probeMedia(request.output, { signal: request.signal });
  return { path: request.output, durationS: joined.durationS, width: joined.width, height: joined.height, copied };
}

function sameStreams(a: MediaInfo, b: MediaInfo): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.videoCodec === b.videoCodec &&
    a.pixelFormat === b.pixelFormat &&
    a.sampleAspectRatio === b.sampleAspectRatio &&
    Math.abs(a.fps - b.fps) < 0.01 &&
    a.rotation === 0 &&
    b.rotation === 0 &&
    a.audioCodec === b.audioCodec &&
    a.audioSampleRate === b.audioSampleRate &&
    a.audioChannels === b.audioChannels
  );
}

async function joinByCopy(request: ConcatRequest, total: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kirinuki-concat-'));
  try {
    const list = join(dir, 'list.txt');
    await writeFile(list, request.inputs.map((input) => `file '${concatListPath(input)}'\n`).join(''));
    await runFfmpeg(
      {
        inputs: [{ path: list, options: ['-f', 'concat', '-safe', '0'] }],
        outputOptions: ['-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-movflags', '+faststart'],
        output: request.output,
        format: 'mp4',
        expectedDurationS: total,
      },
      { signal: request.signal, onProgress: request.onProgress, stage: 'concat' },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The concat list quotes with '…'; a quote inside a name is written '\'' as in a shell. */
export function concatListPath(path: string): string {
  return resolve(path).replace(/'/g, "'\\''");
}

async function joinByEncode(request: ConcatRequest, infos: MediaInfo[], total: number): Promise<void> {
  const first = infos[0]!;
  const width = Math.floor(first.width / 2) * 2;
  const height = Math.floor(first.height / 2) * 2;
  const graph = buildConcatFilter(infos, { width, height });
  await runFfmpeg(
    {
      inputs: request.inputs.map((path) => ({ path })),
      outputOptions: ['-filter_complex', graph, ...encodeOptions({ audio: '[aout]', width, height })],
      output: request.output,
      format: 'mp4',
      expectedDurationS: total,
    },
    { signal: request.signal, onProgress: request.onProgress, stage: 'concat' },
  );
}
