import { runFfmpeg } from '../../core/media/run-ffmpeg.js';
import { sharedMedia } from './shared-media.js';

/** Where the face-cam of `composeFacecamStream` is by default, with its 6 px white border (1920x1080 frame). */
export const FACECAM_BOX = { x: 1400, y: 36, w: 492, h: 282 };

/** A face-cam without a border: liveportrait_d12 at 300x300 with dark bars to 400x300, bottom left. */
export const PLAIN_FACECAM = {
  box: { x: 40, y: 740, w: 400, h: 300 },
  face: 'video/liveportrait_d12.mp4',
  picture: 'scale=300:300,setsar=1,pad=400:300:50:0:0x303030',
};

const BORDERED_FACECAM = {
  box: FACECAM_BOX,
  face: 'video/liveportrait_d11.mp4',
  picture: 'crop=512:288:0:130,scale=480:270,setsar=1,pad=492:282:6:6:white',
};

const ENCODE = ['-r', '25', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p'];

/**
 * A "game stream": moving, detailed content (testsrc2 panning, blended with a game of life) at
 * 1920x1080 and a face-cam over it: by default liveportrait_d11's face in a 480x270 picture with a
 * 6 px white border in the top-right corner (FACECAM_BOX), or PLAIN_FACECAM.
 */
export async function composeFacecamStream(output: string, facecam = BORDERED_FACECAM, durationS = 6): Promise<void> {
  const { x, y } = facecam.box;
  await runFfmpeg({
    inputs: [
      { path: `testsrc2=s=2560x1280:r=25:d=${durationS}`, lavfi: true },
      { path: 'life=s=480x270:r=25:mold=10:ratio=0.4:life_color=0xffd040:death_color=0x202040:mold_color=0x606090', lavfi: true },
      { path: sharedMedia(facecam.face) },
    ],
    outputOptions: [
      '-filter_complex',
      "[0:v]crop=1920:1080:x='t*80':y='t*25'[t2];[1:v]scale=1920:1080:flags=neighbor,format=yuv420p[lf];[t2][lf]blend=all_mode=average[bg];" +
        `[2:v]${facecam.picture}[cam];[bg][cam]overlay=${x}:${y}:shortest=1[v]`,
      '-map', '[v]', '-t', String(durationS), ...ENCODE,
    ],
    output,
    format: 'mp4',
    expectedDurationS: durationS,
  });
}

/** Two people far apart: liveportrait_d11 and d12 at 480x480 near the left and right edges of a 1920x1080 frame. */
export async function composeTwoFaces(output: string, durationS = 6): Promise<void> {
  await runFfmpeg({
    inputs: [
      { path: `color=c=0x404850:s=1920x1080:r=25:d=${durationS}`, lavfi: true },
      { path: sharedMedia('video/liveportrait_d11.mp4') },
      { path: sharedMedia('video/liveportrait_d12.mp4') },
    ],
    outputOptions: [
      '-filter_complex',
      '[1:v]scale=480:480,setsar=1[a];[2:v]scale=480:480,setsar=1[b];[0:v][a]overlay=60:300:shortest=1[t];[t][b]overlay=1380:300:shortest=1[v]',
      '-map', '[v]', '-t', String(durationS), ...ENCODE,
    ],
    output,
    format: 'mp4',
    expectedDurationS: durationS,
  });
}

/** The gameplay shots of `composeCutStream`: different moving patterns, seconds each, hard cuts between them. */
export const GAMEPLAY_SHOTS = [
  { pattern: 'testsrc2=s=2560x1280:r=25,crop=1920:1080:x=t*80:y=t*25', durationS: 2.5 },
  // a short shot
  { pattern: 'mandelbrot=s=480x270:r=25,scale=1920:1080', durationS: 1.5 },
  // nearly static: a smooth pattern drifting 12 px a second
  { pattern: "nullsrc=s=480x270:r=25,geq=lum='128+90*sin((X+T*3)/40)*cos(Y/30)':cb=128:cr=128,scale=1920:1080", durationS: 2.5 },
  { pattern: 'cellauto=s=480x270:r=25:rule=110:scroll=1:full=1,scale=1920:1080:flags=neighbor', durationS: 2.5 },
] as const;

/**
 * A "game stream" with cuts in the game: GAMEPLAY_SHOTS one after the other at 1920x1080 under the
 * bordered face-cam of `composeFacecamStream` (FACECAM_BOX), which stays put across the cuts.
 */
export async function composeCutStream(output: string): Promise<void> {
  const durationS = GAMEPLAY_SHOTS.reduce((sum, shot) => sum + shot.durationS, 0);
  const shots = GAMEPLAY_SHOTS.map((shot, i) => `[${i}:v]format=yuv420p,setsar=1,trim=duration=${shot.durationS},setpts=PTS-STARTPTS[g${i}]`);
  const joined = GAMEPLAY_SHOTS.map((_, i) => `[g${i}]`).join('');
  const cam = GAMEPLAY_SHOTS.length;
  await runFfmpeg({
    inputs: [
      ...GAMEPLAY_SHOTS.map((shot) => ({ path: `${shot.pattern},trim=duration=${shot.durationS}`, lavfi: true })),
      { path: sharedMedia(BORDERED_FACECAM.face) },
    ],
    outputOptions: [
      '-filter_complex',
      `${shots.join(';')};${joined}concat=n=${cam}:v=1:a=0[bg];` +
        `[${cam}:v]${BORDERED_FACECAM.picture}[cam];[bg][cam]overlay=${FACECAM_BOX.x}:${FACECAM_BOX.y}:shortest=1[v]`,
      '-map', '[v]', '-t', String(durationS), ...ENCODE,
    ],
    output,
    format: 'mp4',
    expectedDurationS: durationS,
  });
}

/**
 * Gameplay that changes on nearly every frame as much as a cut does: a scrolling cellular
 * automaton (sharp cell edges everywhere beside the face-cam) and a flashing pattern.
 */
export const BUSY_GAMEPLAY = {
  scrolling: 'cellauto=s=480x270:r=25:rule=110:scroll=1:full=1,scale=1920:1080:flags=neighbor',
  flashing: "nullsrc=s=480x270:r=25,geq=lum='128+120*sin(T*9+X/7)*cos(Y/5-T*13)':cb='128+60*sin(T*5)':cr=128,scale=1920:1080",
} as const;

/** A face-cam of `composeBusyStream`: a face picture `w`x`h` with a 6 px white border, its border's top-left at x, y. */
export interface BusyFacecam {
  x: number;
  y: number;
  w: number;
  h: number;
  face: string;
}

/** Busy gameplay (BUSY_GAMEPLAY) at 1920x1080 with a bordered face-cam over it, 8 s. */
export async function composeBusyStream(output: string, gameplay: keyof typeof BUSY_GAMEPLAY, cam: BusyFacecam): Promise<void> {
  const durationS = 8;
  await runFfmpeg({
    inputs: [{ path: `${BUSY_GAMEPLAY[gameplay]},trim=duration=${durationS}`, lavfi: true }, { path: sharedMedia(cam.face) }],
    outputOptions: [
      '-filter_complex',
      `[0:v]format=yuv420p,setsar=1[bg];[1:v]crop=512:288:0:130,scale=${cam.w}:${cam.h},setsar=1,pad=${cam.w + 12}:${cam.h + 12}:6:6:white[cam];` +
        `[bg][cam]overlay=${cam.x}:${cam.y}:shortest=1[v]`,
      '-map', '[v]', '-t', String(durationS), ...ENCODE,
    ],
    output,
    format: 'mp4',
    expectedDurationS: durationS,
  });
}
