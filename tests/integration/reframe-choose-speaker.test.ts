import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceBox, FaceTrack } from '../../core/faces/types.js';
import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { MIN_TURN_S } from '../../core/reframe/choose-speaker.js';
import { cropAt } from '../../core/reframe/crop-at.js';
import { defaultLimits } from '../../core/reframe/plan-crop-path.js';
import { planReframe, type ReframePlan } from '../../core/reframe/plan-reframe.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PORTRAIT = { width: 1080, height: 1920 };
const FPS = 25;
const DURATION_S = 14;
/** Who talks when: the girl on the left, the man on the right, the girl again; the other's picture is frozen meanwhile. */
const TALKS: Array<{ who: 'left' | 'right'; from: number; to: number }> = [
  { who: 'left', from: 0, to: 5 },
  { who: 'right', from: 5, to: 10 },
  { who: 'left', from: 10, to: 14 },
];

let work: string;
let video: string;

/**
 * Two talking heads side by side on 1280x720, 640 px apart (a 9:16 crop is 405 px wide):
 * liveportrait_d11 on the left plays 0–5 s, holds its 5 s frame until 10 s and plays on from
 * there; liveportrait_d12 on the right holds its first frame until 5 s, plays 5–10 s, then holds
 * its last. Each picture continues where it stopped, so the swaps are no shot cut.
 */
async function composeTwoTalkers(output: string): Promise<void> {
  const graph = [
    '[0:v]fps=25,split[a0][a1]',
    '[a0]trim=0:5,setpts=PTS-STARTPTS,tpad=stop_mode=clone:stop_duration=5[la]',
    '[a1]trim=5:9,setpts=PTS-STARTPTS[lb]',
    '[la][lb]concat=n=2:v=1:a=0,scale=560:560,setsar=1[left]',
    '[1:v]fps=25,trim=0:5,setpts=PTS-STARTPTS,tpad=start_mode=clone:start_duration=5:stop_mode=clone:stop_duration=4,scale=560:560,setsar=1[right]',
    '[2:v][left]overlay=40:80[bg]',
    '[bg][right]overlay=680:80:shortest=1,format=yuv420p[v]',
  ].join(';');
  await runFfmpeg({
    inputs: [
      { path: sharedMedia('video/liveportrait_d11.mp4') },
      { path: sharedMedia('video/liveportrait_d12.mp4') },
      { path: `color=c=0x5a6470:s=1280x720:r=${FPS}:d=${DURATION_S}`, lavfi: true },
    ],
    outputOptions: ['-filter_complex', graph, '-map', '[v]', '-r', String(FPS), '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-t', String(DURATION_S)],
    output,
    format: 'mp4',
    expectedDurationS: DURATION_S,
  });
}

function centreX(box: FaceBox): number {
  return box.x + box.w / 2;
}

/** The side's face box nearest time t (detected samples only). */
function faceAt(tracks: FaceTrack[], side: 'left' | 'right', t: number): FaceBox {
  const samples = tracks
    .flatMap((track) => track.samples)
    .filter((s) => !s.bridged && (side === 'left' ? centreX(s.box) < 640 : centreX(s.box) >= 640));
  return samples.reduce((best, s) => (Math.abs(s.t - t) < Math.abs(best.t - t) ? s : best)).box;
}

/** The subject id of the track on one side of the frame. */
function subjectOn(tracks: FaceTrack[], side: 'left' | 'right'): string {
  const track = tracks.find((tr) => (side === 'left' ? centreX(tr.samples[0]!.box) < 640 : centreX(tr.samples[0]!.box) >= 640))!;
  return track.identityId ?? track.id;
}

function frameTimes(from: number, to: number): number[] {
  return Array.from({ length: Math.round((to - from) * FPS) }, (_, i) => from + i / FPS);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kirinuki-speaker-'));
  video = join(work, 'two-talkers.mp4');
  await composeTwoTalkers(video);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('reframe --layout single: two people far apart, one talking at a time', () => {
  let plan: ReframePlan;

  beforeAll(async () => {
    plan = await planReframe(video, { output: PORTRAIT, layout: 'single' });
  }, 240_000);

  it('measures the mouths of both faces, which share every frame', () => {
    for (const side of ['left', 'right'] as const) {
      const detected = plan.analysis.tracks
        .flatMap((tr) => tr.samples)
        .filter((s) => !s.bridged && (side === 'left') === centreX(s.box) < 640);
      expect(detected.length).toBeGreaterThan(20);
      expect(detected.filter((s) => s.mouth !== undefined).length).toBeGreaterThanOrEqual(0.9 * detected.length);
    }
  });

  it('cuts to whoever talks: one turn per talk, switching soon after each swap, each turn at least 2 s', () => {
    expect(plan.shots).toHaveLength(1);
    const [shot] = plan.shots;
    const tracks = plan.analysis.tracks;
    expect(shot!.mode).toBe('follow');
    expect(shot!.reason).toMatch(/^whoever speaks of 2 people/);
    const turns = shot!.speakers!;
    expect(turns.map((turn) => turn.id)).toEqual(TALKS.map((talk) => subjectOn(tracks, talk.who)));
    turns.forEach((turn, i) => {
      expect(turn.end - turn.start).toBeGreaterThanOrEqual(MIN_TURN_S);
      if (i > 0) {
        expect(turn.start).toBeGreaterThanOrEqual(TALKS[i]!.from - 0.3);
        expect(turn.start).toBeLessThanOrEqual(TALKS[i]!.from + 1.5);
      }
    });
  });

  it('keeps the talking face in the crop and the still one out of it through each talk', () => {
    const tracks = plan.analysis.tracks;
    for (const talk of TALKS) {
      const other = talk.who === 'left' ? 'right' : 'left';
      // from 1.5 s into each talk (the switch may come up to then) to its end
      for (const t of frameTimes(talk.from + (talk.from === 0 ? 0 : 1.5), talk.to)) {
        const crop = cropAt(plan.cropPath, t);
        const talking = centreX(faceAt(tracks, talk.who, t));
        const still = centreX(faceAt(tracks, other, t));
        expect(talking, `${t} s`).toBeGreaterThan(crop.x);
        expect(talking, `${t} s`).toBeLessThan(crop.x + crop.w);
        expect(still < crop.x || still > crop.x + crop.w, `${t} s`).toBe(true);
      }
    }
  });

  it('moves the camera only by the two cuts between speakers, and otherwise holds it', () => {
    const limits = defaultLimits(plan.crop.width);
    const xs = frameTimes(0, DURATION_S).map((t) => cropAt(plan.cropPath, t).x);
    const jumps = xs.slice(1).filter((x, i) => Math.abs(x - xs[i]!) > limits.maxSpeed / FPS + 1);
    expect(jumps).toHaveLength(2);
  });

  it("keeps following the chosen person in a per-person plan, whoever talks", async () => {
    const right = subjectOn(plan.analysis.tracks, 'right');
    const mine = await planReframe(video, { output: PORTRAIT, layout: 'single', person: right, loadFaces: async () => plan.analysis });
    expect(mine.shots.every((shot) => shot.speakers === undefined && shot.subjects.join() === right)).toBe(true);
    for (const t of frameTimes(0, DURATION_S)) {
      const crop = cropAt(mine.cropPath, t);
      const centre = centreX(faceAt(plan.analysis.tracks, 'right', t));
      expect(centre).toBeGreaterThan(crop.x);
      expect(centre).toBeLessThan(crop.x + crop.w);
    }
  }, 120_000);
});
