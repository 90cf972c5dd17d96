import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import type { PeopleView } from '../../core/app/views.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';

describe('app service: undoing and redoing people edits', () => {
  let base: string;
  let app: App;
  const call = (name: string, args: unknown) => dispatchCall(app.service, app.jobs, name, args, {});
  const ok = async (name: string, args: unknown): Promise<PeopleView> => {
    const outcome = await call(name, args);
    if (!outcome.ok) throw new Error(`${name}: ${JSON.stringify(outcome.error)}`);
    return outcome.value as PeopleView;
  };
  const shown = (view: PeopleView) =>
    view.people.map((p) => [p.id, p.name, p.hidden, p.totalS]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'kirinuki-people-undo-'));
    app = createApp({ configDir: join(base, 'config'), host: { kind: 'browser' }, defaultOutputDir: join(base, 'projects'), env: {} });
    expect((await call('openSource', { source: await writePanelCommentsFile(join(base, 'comments.json')) })).ok).toBe(true);
    const dir = join(base, 'projects', PANEL_VIDEO_ID);
    expect(existsSync(dir)).toBe(true);
    const identities = [
      { id: 'person-1', appearances: [[0, 10]], totalS: 10 },
      { id: 'person-2', appearances: [[20, 25]], totalS: 5 },
    ];
    await writeFile(join(dir, 'faces.json'), JSON.stringify({ analysis: { identities, tracks: [] } }));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('undoes a merge back to both people and the name, and redoes it', async () => {
    const start = await ok('getPeople', { videoId: PANEL_VIDEO_ID });
    expect(start.history).toEqual({ undo: 0, redo: 0 });
    expect(shown(start)).toEqual([['person-1', null, false, 10], ['person-2', null, false, 5]]);

    const named = await ok('renamePerson', { videoId: PANEL_VIDEO_ID, personId: 'person-2', name: 'Aoi' });
    expect(named.history).toEqual({ undo: 1, redo: 0 });
    const merged = await ok('mergePeople', { videoId: PANEL_VIDEO_ID, into: 'person-1', from: ['person-2'] });
    expect(shown(merged)).toEqual([['person-1', null, false, 15]]);
    expect(merged.history).toEqual({ undo: 2, redo: 0 });

    const undone = await ok('undoPeopleEdit', { videoId: PANEL_VIDEO_ID });
    expect(shown(undone)).toEqual(shown(named));
    expect(shown(undone)).toContainEqual(['person-2', 'Aoi', false, 5]);
    expect(undone.history).toEqual({ undo: 1, redo: 1 });

    const redone = await ok('undoPeopleEdit', { videoId: PANEL_VIDEO_ID, redo: true });
    expect(shown(redone)).toEqual(shown(merged));
    expect(redone.history).toEqual({ undo: 2, redo: 0 });
    expect(await call('undoPeopleEdit', { videoId: PANEL_VIDEO_ID, redo: true })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    await ok('undoPeopleEdit', { videoId: PANEL_VIDEO_ID });
    const first = await ok('undoPeopleEdit', { videoId: PANEL_VIDEO_ID });
    expect(shown(first)).toEqual(shown(start));
    expect(await call('undoPeopleEdit', { videoId: PANEL_VIDEO_ID })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });

    // a new edit after undo clears what redo could bring back
    const hidden = await ok('hidePerson', { videoId: PANEL_VIDEO_ID, personId: 'person-1', hidden: true });
    expect(hidden.history).toEqual({ undo: 1, redo: 0 });
  });
});
