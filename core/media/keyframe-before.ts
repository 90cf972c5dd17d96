import { runFfprobe } from './run-ffprobe.js';

const LOOK_BACK_S = 30;

export interface Keyframe {
  /** Presentation time: where the picture is in the source. */
  pts: number;
  /** Decode time, which seeking goes by; earlier than `pts` with B-frames. */
  dts: number;
}

/**
 * The last video keyframe at or before `t` (seconds in the source), where a stream copy can
 * start. Falls back to the start of the file when no keyframe is found in the 30 s before `t`.
 */
export async function keyframeBefore(path: string, t: number, signal?: AbortSignal): Promise<Keyframe> {
  const from = Math.max(0, t - LOOK_BACK_S);
  const { stdout } = await runFfprobe(
    [
      '-of', 'csv=p=0', '-select_streams', 'v:0',
      '-read_intervals', `${from.toFixed(3)}%${(t + 0.001).toFixed(3)}`,
      '-show_entries', 'packet=pts_time,dts_time,flags',
    ],
    path,
    signal,
  );
  let best: Keyframe = { pts: 0, dts: 0 };
  for (const line of stdout.split(/\r?\n/)) {
    const [pts, dts, flags] = line.split(',').map((field) => field.trim());
    if (!flags?.startsWith('K')) continue;
    const key = { pts: Number(pts), dts: Number(dts === 'N/A' ? pts : dts) };
    if (Number.isFinite(key.pts) && key.pts <= t + 0.001 && key.pts >= best.pts) best = key;
  }
  return best;
}
