import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../core/app/app-context.js';
import type { CallContext } from '../../core/app/contract.js';
import { framingHandlers } from '../../core/app/handlers/framing-handlers.js';
import type { FaceTrack } from '../../core/faces/types.js';
import type { ClipLayout } from '../../core/media/clip-layout.js';
import type { MediaInfo } from '../../core/media/probe.js';
import { projectDir } from '../../core/project/project-dir.js';
import { updateProject } from '../../core/project/project-store.js';
import type { CropRequest } from '../../core/reframe/crop-planner.js';

/**
 * The preview's follow camera follows the People screen's people (issue 15): it is given the
 * tracks of the last "Find people" labelled with the People screen's ids, the user's merges
 * applied, as the export's camera is; the subject list is the People screen's, by name.
 */

const VIDEO_ID = 'framingPeople';
let base: string;
let root: string;

const probe = async (path: string): Promise<MediaInfo> => ({
  path, durationS: 60, durationSource: 'header', width: 1920, height: 1080, videoStreamIndex: 0, sampleAspectRatio: 1,
  codedWidth: 1920, codedHeight: 1080, rotation: 0, fps: 25,
}) as MediaInfo;
const context = (): AppContext => ({
  root: async () => root,
  settings: { view: async () => ({ defaultPreset: 'shorts' }) },
} as unknown as AppContext);
const call: CallContext = { jobId: null, signal: new AbortController().signal, onProgress: () => undefined, paused: () => false };

const track = (id: string, identityId: string, x: number): FaceTrack =>
  ({ id, identityId, samples: [{ t: 10, x, y: 300, w: 200, h: 200, score: 0.9 }, { t: 20, x, y: 300, w: 200, h: 200, score: 0.9 }] }) as unknown as FaceTrack;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-framing-people-'));
  root = join(base, 'projects');
  const videoFile = join(base, 'video.mp4');
  await writeFile(videoFile, 'not really a video');
  await updateProject(root, VIDEO_ID, videoFile, {
    video: { id: VIDEO_ID, title: 'People', durationS: 60 },
    moments: [{ rank: 1, start: 10, end: 20, peak: 12, score: 1, mentions: 5, comments: [] }],
    videoFile,
  });
  const dir = projectDir(root, VIDEO_ID);
  const identity = (id: string, from: number, to: number) => ({ id, appearances: [[from, to]], totalS: to - from });
  await writeFile(join(dir, 'faces.json'), JSON.stringify({
    fingerprint: 'x',
    analysis: {
      identities: [identity('identity-1', 10, 20), identity('identity-2', 10, 20), identity('identity-3', 25, 30)],
      tracks: [track('track-1', 'identity-1', 200), track('track-2', 'identity-2', 900), track('track-3', 'identity-3', 1500)],
    },
  }));
  // the user merged identity-3 into identity-2 and named it
  await writeFile(join(dir, 'people.json'), JSON.stringify({ schemaVersion: 1, identities: { 'identity-3': { mergedInto: 'identity-2' }, 'identity-2': { name: 'Carol' } } }));
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('the preview\'s subject', () => {
  it('is one of the People screen\'s people, and the camera gets their tracks under the same ids', async () => {
    const seen: { person: string | null; tracks: FaceTrack[] | undefined }[] = [];
    const follow = (_layout: unknown, tracks: FaceTrack[] | undefined) => async (request: CropRequest): Promise<ClipLayout> => {
      seen.push({ person: request.person, tracks });
      return { mode: 'path', path: [{ t: 0, x: 0, y: 0, w: 606, h: 1078 }] };
    };
    const handlers = framingHandlers(context(), { follow, probe });
    const preview = await handlers.previewFraming({ videoId: VIDEO_ID, moment: 1 }, call);
    // the People screen's order (most on screen first): the merge gave Carol 15 s
    expect(preview.people).toEqual([{ id: 'identity-2', name: 'Carol' }, { id: 'identity-1', name: 'identity-1' }]);

    await handlers.saveFraming({ videoId: VIDEO_ID, moment: 1, override: { mode: 'follow', person: 'identity-2' } }, call);
    const chosen = seen.at(-1)!;
    expect(chosen.person).toBe('identity-2');
    expect(chosen.tracks?.map((t) => [t.id, t.identityId])).toEqual([['track-1', 'identity-1'], ['track-2', 'identity-2'], ['track-3', 'identity-2']]);
  });
});
