import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ffconcatList } from './ffconcat-list.js';
import { renderTelopState } from './render-telop-state.js';
import type { Telop } from './telop.js';
import { telopBand, type FrameSize } from './telop-band.js';
import type { TelopStyle } from './telop-style.js';
import { telopTextLayout } from './telop-text-layout.js';
import { telopTimeline } from './telop-timeline.js';
import { roundMs } from './telop-word-spans.js';

export interface TelopTrackOptions {
  frame: FrameSize;
  style: TelopStyle;
  /** The clip's length: the list covers [0, durationS] exactly. */
  durationS: number;
}

/** The track as one overlay input: the ffconcat list, and where its pictures go on the frame. */
export interface TelopTrackFiles {
  listFile: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const TELOP_LIST_FILE = 'telops.ffconcat';

/**
 * Draws every state of the clip's telops as a PNG of the band's size in `dir` (each distinct
 * picture once) and lists them with their durations in an ffconcat file, so one input
 * (`-f concat -safe 0 -i list`) overlays the whole track with exact timing.
 */
export async function writeTelopTrack(dir: string, telops: readonly Telop[], options: TelopTrackOptions): Promise<TelopTrackFiles> {
  const band = telopBand(options.frame, options.style);
  const layout = telopTextLayout(band);
  const spans = telopTimeline(telops, options.durationS);
  const files = new Map<string, string>();
  for (const span of spans) if (!files.has(span.state.key)) files.set(span.state.key, `telop-${String(files.size).padStart(4, '0')}.png`);
  await mkdir(dir, { recursive: true });
  const drawn = new Set<string>();
  for (const span of spans) {
    if (drawn.has(span.state.key)) continue;
    drawn.add(span.state.key);
    await writeFile(join(dir, files.get(span.state.key)!), await renderTelopState(span.state, band, layout, options.style));
  }
  const entries = spans.map((span) => ({ file: files.get(span.state.key)!, durationS: roundMs(span.end - span.start) }));
  const listFile = join(dir, TELOP_LIST_FILE);
  await writeFileAtomic(listFile, ffconcatList(entries));
  return { listFile, x: band.x, y: band.y, width: band.width, height: band.height };
}
