import { join } from 'node:path';
import { runFfmpeg, type FfmpegInput } from '../../core/media/run-ffmpeg.js';
import { sharedMedia } from './shared-media.js';

/**
 * Composed panels of the four people of the shared media (A = liveportrait_d11, B = d12,
 * C = d18, D = s29's face), 1280x720 at 25 fps, where people slide out of the frame through its
 * edges (slowly, their face cut by the edge for about a second), slide in after a cut, and where
 * whole shots slide out sideways (a slide transition). Each face is about 220 px wide in a
 * 400x400 picture; it counts as on screen while its centre is inside the frame.
 */

const W = 1280;
const FPS = 25;
const SIZE = 400;

type Person = 'A' | 'B' | 'C' | 'D';

interface Layer {
  /** Who, and from which second of their source clip. */
  person: Person;
  from: number;
  /** Left edge of the 400x400 picture (an ffmpeg expression of the output time `t`), and its top. */
  x: string;
  y?: number;
}

interface Shot {
  start: number;
  end: number;
  colour: string;
  layers: Layer[];
  /** The whole shot slides out to the left over its last `slideS` seconds (and the next one in). */
  slideS?: number;
}

const SOURCES: Record<Person, { file: string; filter: string }> = {
  A: { file: 'video/liveportrait_d11.mp4', filter: `scale=${SIZE}:${SIZE}` },
  B: { file: 'video/liveportrait_d12.mp4', filter: `scale=${SIZE}:${SIZE}` },
  C: { file: 'video/liveportrait_d18.mp4', filter: `scale=${SIZE}:${SIZE}` },
  // s29 is a 720x1364 portrait: its face is around (400, 394)
  D: { file: 'video/liveportrait_s29.mp4', filter: `crop=480:480:160:154,scale=${SIZE}:${SIZE}` },
};

/** x moving linearly from `a` to `b` during [t0, t1], still before and after. */
export function slide(a: number, b: number, t0: number, t1: number): string {
  return `(${a}+(${b - a})*min(1,max(0,(t-${t0})/${t1 - t0})))`;
}

/** The shift of a whole shot: sliding in from the right over [t0, t0+T], out to the left over [t1-T, t1]. */
function shotShift(shot: Shot, previous: Shot | undefined): string {
  const out = shot.slideS ? `-${W}*min(1,max(0,(t-${shot.end - shot.slideS})/${shot.slideS}))` : '0';
  const incoming = previous?.slideS ? `+${W}*max(0,1-(t-${shot.start})/${previous.slideS})` : '';
  return `(${out}${incoming})`;
}

async function render(shots: Shot[], output: string): Promise<void> {
  const durationS = shots.at(-1)!.end;
  const inputs: FfmpegInput[] = [{ path: `color=c=0x404040:s=${W}x720:r=${FPS}:d=${durationS}`, lavfi: true }];
  const chains: string[] = [];
  let last = '0:v';
  let n = 0;
  shots.forEach((shot, i) => {
    const start = shot.start;
    const length = shot.end - start;
    const shift = shotShift(shot, shots[i - 1]);
    const enable = `between(t,${start},${shot.end - 0.001})`;
    inputs.push({ path: `color=c=${shot.colour}:s=${W}x720:r=${FPS}:d=${length}`, lavfi: true });
    const bg = inputs.length - 1;
    chains.push(`[${bg}:v]setpts=PTS-STARTPTS+${start}/TB[bg${i}]`);
    chains.push(`[${last}][bg${i}]overlay=x='${shift}':y=0:enable='${enable}'[v${n}]`);
    last = `v${n++}`;
    for (const layer of shot.layers) {
      const source = SOURCES[layer.person];
      inputs.push({ path: sharedMedia(source.file), options: ['-ss', String(layer.from), '-t', String(length)] });
      const input = inputs.length - 1;
      chains.push(`[${input}:v]fps=${FPS},${source.filter},setpts=PTS-STARTPTS+${start}/TB[p${input}]`);
      chains.push(`[${last}][p${input}]overlay=x='${shift}+${layer.x}':y=${layer.y ?? 160}:enable='${enable}'[v${n}]`);
      last = `v${n++}`;
    }
  });
  await runFfmpeg({
    inputs,
    outputOptions: ['-filter_complex', chains.join(';'), '-map', `[${last}]`, '-an', '-r', String(FPS), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'],
    output,
    format: 'mp4',
    expectedDurationS: durationS,
  });
}

export interface ComposedPanel {
  path: string;
  durationS: number;
  /** When each person's face is on screen (its centre inside the frame). */
  truth: Record<Person, Array<[number, number]>>;
}

const CENTRE = `${(W - SIZE) / 2}`;

/**
 * Four people over 39 s: A slides out with its shot (slide transition) into B; C slides out of
 * the right edge, and right after the cut A's face, already half out at that edge, slides out
 * too (an edge fragment that continues nobody); D slides out into A's return; nobody; B and C
 * side by side, C sliding out; D slides in from the left edge after a cut.
 */
export async function composeSlideOutPanel(dir: string): Promise<ComposedPanel> {
  const shots: Shot[] = [
    { start: 0, end: 6, colour: '0x2f5d50', slideS: 1, layers: [{ person: 'A', from: 0, x: CENTRE }] },
    { start: 5, end: 12, colour: '0x6b4f2a', layers: [{ person: 'B', from: 0, x: CENTRE }] },
    { start: 12, end: 18, colour: '0x3a4a7a', layers: [{ person: 'C', from: 0, x: slide(440, 1080, 16.8, 18) }] },
    { start: 18, end: 19.2, colour: '0x7a3a5a', layers: [{ person: 'A', from: 6, x: slide(1020, 1060, 18, 19.2) }] },
    { start: 19.2, end: 24.2, colour: '0x5a7a3a', slideS: 1, layers: [{ person: 'D', from: 0, x: CENTRE }] },
    { start: 23.2, end: 28, colour: '0x2a6b6b', layers: [{ person: 'A', from: 1, x: CENTRE }] },
    { start: 28, end: 30, colour: '0x808080', layers: [] },
    { start: 30, end: 35, colour: '0x4a3a2a', layers: [{ person: 'B', from: 2, x: '100' }, { person: 'C', from: 1, x: slide(780, 1080, 33.8, 35) }] },
    { start: 35, end: 39, colour: '0x3a5a7a', layers: [{ person: 'D', from: 0.3, x: slide(-250, 440, 35, 36.2) }] },
  ];
  const path = join(dir, 'slide-out-panel.mp4');
  await render(shots, path);
  return {
    path,
    durationS: 39,
    truth: {
      A: [[0, 5.5], [18, 19.2], [23.7, 28]],
      B: [[5.5, 12], [30, 35]],
      C: [[12, 18], [30, 35]],
      D: [[19.2, 23.7], [35.09, 39]],
    },
  };
}
