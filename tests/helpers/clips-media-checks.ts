import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { runFfprobe } from '../../core/media/run-ffprobe.js';
import { readFrames } from '../../core/media/read-frames.js';
import type { Moment } from '../../core/moments/types.js';

/** Codec details probeMedia does not report: profile, pixel format, audio rate. */
export async function streamDetails(path: string): Promise<{ profile: string; pixFmt: string; audioCodec: string; sampleRate: number }> {
  const { stdout } = await runFfprobe(['-of', 'json', '-show_entries', 'stream=codec_type,codec_name,profile,pix_fmt,sample_rate'], path);
  const streams = (JSON.parse(stdout) as { streams: Record<string, string>[] }).streams;
  const video = streams.find((s) => s.codec_type === 'video') ?? {};
  const audio = streams.find((s) => s.codec_type === 'audio') ?? {};
  return { profile: video.profile ?? '', pixFmt: video.pix_fmt ?? '', audioCodec: audio.codec_name ?? '', sampleRate: Number(audio.sample_rate) };
}

/** `+faststart`: the moov atom comes before mdat, so a player can start before the download ends. */
export function moovBeforeMdat(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    let offset = 0;
    const header = Buffer.alloc(16);
    while (offset < size) {
      readSync(fd, header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (type === 'moov') return true;
      if (type === 'mdat') return false;
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      if (boxSize < 8) return false;
      offset += boxSize;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

export async function firstFrame(path: string, from: number, maxWidth = 270): Promise<{ width: number; height: number; data: Buffer }> {
  for await (const frame of readFrames(path, { from, to: from + 0.3, fps: 25, maxWidth })) return frame;
  throw new Error(`no frame at ${from} s in ${path}`);
}

/** Mean absolute difference of two equally sized rgb24 buffers, optionally rows [y0, y1) only. */
export function meanAbsDiff(a: { width: number; data: Buffer }, b: { data: Buffer }, y0 = 0, y1?: number): number {
  const rowBytes = a.width * 3;
  const end = (y1 ?? a.data.length / rowBytes) * rowBytes;
  let sum = 0;
  for (let i = y0 * rowBytes; i < end; i += 1) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / Math.max(1, end - y0 * rowBytes);
}

export function moment(rank: number, start: number, end: number, text = `${rank} lol`, likes = 10): Moment {
  return {
    rank,
    start,
    end,
    peak: start + 1,
    score: 10 - rank,
    mentions: 3,
    comments: [
      { id: `c${rank}a`, text, likes, t: start + 1 },
      { id: `c${rank}b`, text: 'less liked', likes: 1, t: start + 1 },
    ],
  };
}

/** How many sharp vertical edges row `y` crosses (a run of steep pixels counts once). */
export function sharpEdges(frame: { width: number; data: Buffer }, y: number, threshold = 90): number {
  let edges = 0;
  let inEdge = false;
  for (let x = 1; x < frame.width; x += 1) {
    const i = (y * frame.width + x) * 3;
    let step = 0;
    for (let c = 0; c < 3; c += 1) step += Math.abs((frame.data[i + c] ?? 0) - (frame.data[i + c - 3] ?? 0));
    const steep = step > threshold;
    if (steep && !inEdge) edges += 1;
    inEdge = steep;
  }
  return edges;
}
