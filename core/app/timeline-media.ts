import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { audioPeaks } from '../media/audio-peaks.js';
import { thumbnailStrip } from '../media/thumbnail-strip.js';
import { projectDir } from '../project/project-dir.js';
import { mediaRefFor } from './project-media.js';
import type { TimelineMediaView } from './views.js';

/** Where the waveform and the thumbnail strip of a project are kept, made once per video file. */
export const TIMELINE_DIR = 'timeline';

const cacheSchema = z.object({
  /** The video file they were made from: another file (or a changed one) makes them again. */
  video: z.object({ path: z.string(), size: z.number(), mtimeMs: z.number() }),
  waveform: z.object({ binS: z.number().positive(), values: z.array(z.number().min(0).max(1)) }).nullable(),
  strip: z.object({ file: z.string(), count: z.number().int().positive(), frameWidth: z.number().positive(), frameHeight: z.number().positive() }).nullable(),
  notes: z.array(z.string()),
});
type TimelineCache = z.infer<typeof cacheSchema>;

/** One making per project at a time: a second caller (another tab) waits for the first. */
const making = new Map<string, Promise<TimelineCache>>();

/**
 * The waveform and thumbnail strip of the project's video: read from `<project>/timeline/` when
 * they were made from this very file, made through ffmpeg (core/media) and kept there otherwise.
 * A part that cannot be made (e.g. a video without sound) is null, with a note saying why.
 */
export async function timelineMedia(root: string, videoId: string, video: string, durationS: number, signal?: AbortSignal): Promise<TimelineMediaView> {
  const folder = join(projectDir(root, videoId), TIMELINE_DIR);
  const info = await stat(video);
  const stamp = { path: video, size: info.size, mtimeMs: Math.round(info.mtimeMs) };
  const key = join(folder, 'timeline.json');
  const cached = cacheSchema.safeParse(await readJsonIfExists(key).catch(() => undefined));
  let cache: TimelineCache;
  if (cached.success && JSON.stringify(cached.data.video) === JSON.stringify(stamp) && (!cached.data.strip || existsSync(join(folder, cached.data.strip.file)))) {
    cache = cached.data;
  } else {
    let pending = making.get(key);
    if (!pending) {
      pending = make(folder, video, durationS, stamp, signal).finally(() => making.delete(key));
      making.set(key, pending);
    }
    cache = await pending;
    await writeJsonAtomic(key, cache);
  }
  return {
    waveform: cache.waveform,
    strip: cache.strip ? { ref: mediaRefFor(root, videoId, join(folder, cache.strip.file))!, count: cache.strip.count, frameWidth: cache.strip.frameWidth, frameHeight: cache.strip.frameHeight, durationS } : null,
    notes: cache.notes,
  };
}

async function make(folder: string, video: string, durationS: number, stamp: TimelineCache['video'], signal?: AbortSignal): Promise<TimelineCache> {
  const notes: string[] = [];
  const [waveform, strip] = await Promise.all([
    audioPeaks(video, durationS, join(folder, 'audio'), { signal }).catch((error: Error) => {
      if (signal?.aborted) throw error;
      notes.push(`No waveform: the video's sound could not be read (${error.message.split('\n')[0]}).`);
      return null;
    }),
    thumbnailStrip(video, durationS, join(folder, `strip-${stamp.size}-${stamp.mtimeMs}.jpg`), { signal }).catch((error: Error) => {
      if (signal?.aborted) throw error;
      notes.push(`No thumbnails: the video's pictures could not be read (${error.message.split('\n')[0]}).`);
      return null;
    }),
  ]);
  return { video: stamp, waveform, strip: strip ? { file: `strip-${stamp.size}-${stamp.mtimeMs}.jpg`, ...strip } : null, notes };
}
