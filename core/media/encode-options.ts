export interface EncodeOptionsRequest {
  /** The audio to map: a stream (`0:a:0`), a graph label (`[aout]`), or `silence` for a silent track. */
  audio: string;
  width: number;
  height: number;
  videoBitrate?: string;
}

/**
 * The delivery encode of every Kirinuki output, after a filter graph that ends in `[vout]`:
 * H.264 High yuv420p, AAC 48 kHz stereo, `+faststart`, no source metadata (phones put GPS in it).
 * Without source audio a silent track is generated so every output has the same streams.
 */
export function encodeOptions(request: EncodeOptionsRequest): string[] {
  return [
    '-map', '[vout]', '-map', request.audio === 'silence' ? SILENCE : request.audio,
    ...videoRate(request),
    '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-vsync', 'vfr',
    '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2',
    '-map_metadata', '-1', '-map_chapters', '-1',
    '-movflags', '+faststart',
  ];
}

const SILENCE = '[silence]';

/** The filter-graph chain that makes the silent track `encodeOptions` maps when there is no audio. */
export function silenceFilter(): string {
  return `anullsrc=channel_layout=stereo:sample_rate=48000${SILENCE}`;
}

function videoRate(request: EncodeOptionsRequest): string[] {
  if (request.videoBitrate) {
    return ['-b:v', request.videoBitrate, '-maxrate', request.videoBitrate, '-bufsize', request.videoBitrate];
  }
  // constant quality, capped so a 1080x1920 clip stays near 8 Mb/s (Shorts' own recommendation)
  const megapixels = (request.width * request.height) / 1e6;
  const cap = Math.max(1, Math.round(megapixels * 4));
  return ['-crf', '21', '-maxrate', `${cap}M`, '-bufsize', `${cap * 2}M`];
}
