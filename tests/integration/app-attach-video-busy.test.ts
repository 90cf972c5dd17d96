import { existsSync } from 'node:fs';
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import type { MethodName } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { lockProjectRun } from '../../core/project/project-lock.js';
import { readProject } from '../../core/project/project-store.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { sharedMedia } from '../helpers/shared-media.js';

/**
 * Attaching a video replaces `video/<name>` and the project's videoFile: it must not happen under
 * a run of the CLI (an export or an analysis reading that video), so the app is refused naming it.
 */

let base: string;
let root: string;
let app: App;
const call = (name: MethodName, args: unknown) => dispatchCall(app.service, app.jobs, name, args);

/** As the file dialog would: only a chosen file may be attached. */
async function choose(path: string): Promise<void> {
  app.chosenFiles.add(await realpath(path));
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-attach-busy-'));
  root = join(base, 'projects');
  app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: root, env: {} });
  expect((await call('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) })).ok).toBe(true);
  await choose(sharedMedia('video/panel.mp4'));
  expect((await call('attachVideo', { videoId: PANEL_VIDEO_ID, path: sharedMedia('video/panel.mp4') })).ok).toBe(true);
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('attachVideo during a run', () => {
  it('is refused with PROJECT_BUSY naming the run, swaps nothing, and works once the run is over', async () => {
    const other = sharedMedia('video/liveportrait_d12.mp4');
    await choose(other);
    const run = await lockProjectRun(root, PANEL_VIDEO_ID, { what: 'kirinuki clips', wait: false });
    let released = false;
    try {
      const refused = await call('attachVideo', { videoId: PANEL_VIDEO_ID, path: other, confirmMismatch: true });
      expect(refused).toMatchObject({ ok: false, error: { code: 'PROJECT_BUSY', message: expect.stringContaining(`kirinuki clips (process ${process.pid}`) } });
      // the running export still has its video, as project.json names it
      const project = await readProject(root, PANEL_VIDEO_ID);
      expect(project?.videoFile).toBe(join(root, PANEL_VIDEO_ID, 'video', 'panel.mp4'));
      expect((await readdir(join(root, PANEL_VIDEO_ID, 'video'))).sort()).toEqual(['panel.mp4']);
      await run.release();
      released = true;

      const attached = await call('attachVideo', { videoId: PANEL_VIDEO_ID, path: other, confirmMismatch: true });
      expect(attached).toMatchObject({ ok: true, value: { video: { videoId: PANEL_VIDEO_ID, rel: 'video/liveportrait_d12.mp4' } } });
      expect((await readProject(root, PANEL_VIDEO_ID))?.videoFile).toBe(join(root, PANEL_VIDEO_ID, 'video', 'liveportrait_d12.mp4'));
      // the app let go of the project: the next run takes it at once
      expect(existsSync(join(root, PANEL_VIDEO_ID, '.kirinuki-run.lock'))).toBe(false);
      await (await lockProjectRun(root, PANEL_VIDEO_ID, { what: 'kirinuki clips', wait: false })).release();
    } finally {
      if (!released) await run.release();
    }
  }, 60_000);
});
