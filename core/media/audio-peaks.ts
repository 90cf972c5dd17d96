import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { StageOptions } from '../progress.js';
import { runFfmpeg } from './run-ffmpeg.js';

/** The audio of a whole video as a waveform: `values[i]` is the loudest sample (0..1) in `[i * binS, (i + 1) * binS)`. */
export interface AudioPeaks {
  binS: number;
  values: number[];
}

/** Samples per second ffmpeg decodes the audio to for the waveform: enough for its envelope, small for hours. */
export const PEAKS_SAMPLE_RATE = 4000;

/** How many bins a waveform of `durationS` has: a bin per 0.1 s, at most `maxBins`. */
export function peakBinS(durationS: number, maxBins = 4000): number {
  return Math.max(0.1, durationS / maxBins);
}

/** The ffmpeg job that decodes the first audio stream to mono 16-bit PCM at PEAKS_SAMPLE_RATE. */
export function audioPcmJob(video: string, output: string, durationS: number) {
  return {
    inputs: [{ path: video }],
    outputOptions: ['-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(PEAKS_SAMPLE_RATE), '-c:a', 'pcm_s16le'],
    output,
    format: 's16le',
    expectedDurationS: durationS,
  };
}

/** Folds little-endian 16-bit samples into peak bins, carrying an odd byte across chunks. */
export class PeakFolder {
  private readonly samplesPerBin: number;
  private readonly values: number[] = [];
  private sample = 0;
  private peak = 0;
  private carry: number | null = null;

  constructor(readonly binS: number) {
    this.samplesPerBin = Math.max(1, Math.round(binS * PEAKS_SAMPLE_RATE));
  }

  push(chunk: Buffer): void {
    let offset = 0;
    if (this.carry !== null && chunk.length > 0) {
      this.take(Buffer.from([this.carry, chunk[0]!]).readInt16LE(0));
      this.carry = null;
      offset = 1;
    }
    for (; offset + 1 < chunk.length; offset += 2) this.take(chunk.readInt16LE(offset));
    if (offset < chunk.length) this.carry = chunk[offset]!;
  }

  private take(value: number): void {
    this.peak = Math.max(this.peak, Math.abs(value) / 32768);
    this.sample += 1;
    if (this.sample === this.samplesPerBin) this.flush();
  }

  private flush(): void {
    this.values.push(Math.round(this.peak * 1000) / 1000);
    this.sample = 0;
    this.peak = 0;
  }

  result(): AudioPeaks {
    if (this.sample > 0) this.flush();
    return { binS: this.binS, values: this.values };
  }
}

/**
 * The waveform of a video's audio, made once through ffmpeg (a temporary PCM file next to
 * `scratch`, deleted afterwards). A video without an audio stream fails with FFMPEG_FAILED.
 */
export async function audioPeaks(video: string, durationS: number, scratch: string, options: StageOptions = {}): Promise<AudioPeaks> {
  const pcm = `${scratch}.pcm`;
  try {
    await runFfmpeg(audioPcmJob(video, pcm, durationS), { ...options, stage: 'waveform' });
    const folder = new PeakFolder(peakBinS(durationS));
    for await (const chunk of createReadStream(pcm)) folder.push(chunk as Buffer);
    return folder.result();
  } finally {
    await rm(pcm, { force: true });
  }
}
