import { Readable } from 'node:stream';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../core/app/app-service.js';
import type { MethodName, MethodResult, Outcome } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { findProjectSubtitles } from '../../core/app/project-subtitles.js';
import { saveUpload } from '../../core/app/save-upload.js';
import type { TelopsView } from '../../core/app/views.js';
import { runMoments } from '../../core/pipeline/run-moments.js';
import { readProject, updateProject } from '../../core/project/project-store.js';
import type { ProjectMoment } from '../../core/project/project-schema.js';
import { TELOP_STYLE_NAMES } from '../../core/telops/telop-style.js';
import { PANEL_VIDEO_ID, writePanelCommentsFile } from '../helpers/app-panel-comments.js';
import { sharedFixture, sharedMedia } from '../helpers/shared-media.js';

const URL_ID = 'pAnElShow01';
const PLAIN_ID = 'plainVideo1';
const INFO_ID = 'infoVideo01';

/** Two moments of the panel show: the greetings (8–16 s: three cues) and the side-by-side (26–31 s). */
const MOMENTS: ProjectMoment[] = [
  { rank: 1, start: 8, end: 16, peak: 9, score: 1, mentions: 12, comments: [] },
  { rank: 2, start: 26, end: 31, peak: 27, score: 0.6, mentions: 7, comments: [] },
];

let base: string;
let root: string;
let app: App;
let dialogChoice: string | null = null;

async function call<M extends MethodName>(name: M, args: unknown): Promise<Outcome<MethodResult<M>>> {
  return (await dispatchCall(app.service, app.jobs, name, args)) as Outcome<MethodResult<M>>;
}

async function ok<M extends MethodName>(name: M, args: unknown): Promise<MethodResult<M>> {
  const outcome = await call(name, args);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function fails(name: MethodName, args: unknown): Promise<{ code: string; message: string }> {
  const outcome = await call(name, args);
  if (outcome.ok) throw new Error(`${name} succeeded`);
  return outcome.error;
}

async function makeProject(videoId: string, source: string): Promise<void> {
  await updateProject(root, videoId, source, {
    video: { id: videoId, title: 'Panel talk show', durationS: 38 },
    moments: MOMENTS,
    commentsFetched: 40,
    mentions: 20,
  });
}

const texts = (view: TelopsView) => view.rows.map((r) => r.text);
const onScreen = (view: TelopsView) => view.telops.map((t) => t.lines.join(''));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kirinuki-telops-'));
  root = join(base, 'projects');
  app = createApp({
    configDir: join(base, 'config'),
    defaultOutputDir: root,
    host: { kind: 'electron', chooseSubtitleFile: async () => dialogChoice },
    env: {},
  });
  // a YouTube project: yt-dlp left the original-language auto-captions in sources/
  await makeProject(URL_ID, `https://www.youtube.com/watch?v=${URL_ID}`);
  await mkdir(join(root, URL_ID, 'sources'), { recursive: true });
  await copyFile(sharedFixture('captions/panel.ja.json3'), join(root, URL_ID, 'sources', `${URL_ID}.ja-orig.json3`));
  // a local video without any subtitles
  await makeProject(PLAIN_ID, join(base, 'plain.mp4'));
  // an .info.json with its sidecar subtitles beside it
  const info = join(base, 'downloads', `Panel [${INFO_ID}].info.json`);
  await mkdir(join(base, 'downloads'), { recursive: true });
  await writeFile(info, '{}');
  await copyFile(sharedFixture('captions/panel.ja.srt'), join(base, 'downloads', `Panel [${INFO_ID}].ja.srt`));
  await makeProject(INFO_ID, info);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('the telop editor of the app (getTelops)', () => {
  it("lists the selected moment's cues as rows, with the telops a clip of it shows and the styles", async () => {
    const view = await ok('getTelops', { videoId: URL_ID, moment: 1 });
    expect(view.subtitles).toEqual({ name: `${URL_ID}.ja-orig.json3`, lang: 'ja-orig', wordTimed: true, cues: expect.any(Number) });
    expect(view.window).toEqual({ start: 8, end: 16 });
    expect(view.rows.map((r) => r.cueStart)).toEqual([8.6, 11.9, 15.6]);
    expect(texts(view)).toEqual(['Nice to meet you', 'よろしくお願いします', 'じゃあ始めましょうか']);
    expect(view.rows.every((r) => !r.edited && !r.hidden)).toBe(true);
    // clip-relative, cut to the window, word-timed
    expect(view.telops[0]).toMatchObject({ start: 0.6, end: 3.2, lines: ['Nice to meet you'] });
    expect(view.telops[0]?.words?.length).toBe(4);
    expect(view.telops.at(-1)?.end).toBeLessThanOrEqual(8);
    expect(view.style.name).toBe('yellow');
    expect(view.styles.map((s) => s.name)).toEqual([...TELOP_STYLE_NAMES]);
    expect(view.styles.every((s) => s.label.length > 0)).toBe(true);
    // the band lies inside the 9:16 frame, clear of the bottom 20 %
    expect(view.frame).toEqual({ width: 1080, height: 1920 });
    expect(view.band.y + view.band.height).toBeLessThanOrEqual(1920 * 0.8);
    expect(view.band.fontSize).toBeGreaterThan(40);
  });

  it('finds a sidecar beside the .info.json the project was opened from, and the file the signals stage recorded', async () => {
    const view = await ok('getTelops', { videoId: INFO_ID, moment: 2 });
    expect(view.subtitles).toMatchObject({ name: `Panel [${INFO_ID}].ja.srt`, wordTimed: false });
    expect(texts(view)).toEqual(['二人並んで話します']);
    expect(view.telops[0]).toMatchObject({ start: 0.4, lines: ['二人並んで話します'] });
    expect(view.telops[0]?.words).toBeUndefined();

    const elsewhere = join(base, 'subs-flag.vtt');
    await copyFile(sharedFixture('captions/panel.ja.vtt'), elsewhere);
    await updateProject(root, INFO_ID, '', { signals: { notes: [], captions: { tags: 2, file: elsewhere } } });
    expect(await findProjectSubtitles(root, (await readProject(root, INFO_ID))!)).toBe(elsewhere);
    await updateProject(root, INFO_ID, '', { signals: { notes: [] } });
  });

  it('finds the file a `--subs FILE` run read: the signals stage records it in project.json', async () => {
    const otherRoot = join(base, 'cli-projects');
    const subs = join(base, 'elsewhere', 'panel.ja.vtt');
    await mkdir(join(base, 'elsewhere'), { recursive: true });
    await copyFile(sharedFixture('captions/panel.ja.vtt'), subs);
    await runMoments(await writePanelCommentsFile(join(base, 'cli-comments.json')), { root: otherRoot, subsFile: subs });
    const project = (await readProject(otherRoot, PANEL_VIDEO_ID))!;
    expect(project.signals?.captions).toEqual({ tags: 2, file: subs });
    expect(await findProjectSubtitles(otherRoot, project)).toBe(subs);
  });

  it('says there are no subtitles instead of failing, and refuses edits until a file is loaded', async () => {
    const view = await ok('getTelops', { videoId: PLAIN_ID, moment: 1 });
    expect(view).toMatchObject({ subtitles: null, rows: [], telops: [], style: { name: 'yellow' } });
    const error = await fails('saveTelopEdit', { videoId: PLAIN_ID, edit: { cueStart: 8.6, text: 'x' } });
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toMatch(/has no subtitles to edit; load a \.json3, \.vtt or \.srt file/);
  });

  it('refuses bad arguments with a code and one sentence', async () => {
    expect(await fails('getTelops', { videoId: '../etc', moment: 1 })).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'The project is not valid.' });
    expect(await fails('getTelops', { videoId: URL_ID, moment: 0 })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await fails('getTelops', { videoId: URL_ID, moment: 9 })).toEqual({ code: 'INVALID_ARGUMENT', message: `Moment #9 does not exist in ${URL_ID}.` });
    expect(await fails('getTelops', { videoId: 'noSuchVideo', moment: 1 })).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await fails('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, start: 10, end: 9 } })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'The in point must be before the out point.',
    });
    expect(await fails('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, colour: 'red' } })).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await fails('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 9.3, text: 'x' } })).toEqual({
      code: 'INVALID_ARGUMENT',
      message: `No cue of the subtitles of ${URL_ID} starts at 9.3 s; open the moment again.`,
    });
    expect(await fails('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, text: '  \n ' } })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'A telop needs text: hide the cue at 8.6 s instead of emptying it.',
    });
    const style = await fails('setTelopStyle', { videoId: URL_ID, style: 'comic-sans' });
    expect(style.code).toBe('INVALID_ARGUMENT');
    expect(style.message).toContain('Unknown caption style "comic-sans"; the styles are outline, yellow');
  });
});

describe('editing telops (saveTelopEdit, resetTelopEdit, setTelopStyle)', () => {
  it("saves a cue's new text in telop-edits.json, shows it in the rows and the telops, and keeps only what differs", async () => {
    // named ±0.05 s: the cue is found by its original start
    const saved = await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 11.93, text: ' よろしく\nお願いします！ ' } });
    expect(saved.edits).toEqual([{ cueStart: 11.9, text: 'よろしく\nお願いします！' }]);
    const onDisk = JSON.parse(await readFile(join(root, URL_ID, 'telop-edits.json'), 'utf8')) as unknown;
    expect(onDisk).toMatchObject({ version: 1, edits: [{ cueStart: 11.9, text: 'よろしく\nお願いします！' }] });

    const view = await ok('getTelops', { videoId: URL_ID, moment: 1 });
    expect(view.rows[1]).toMatchObject({ cueStart: 11.9, text: 'よろしく\nお願いします！', edited: true });
    expect(onScreen(view)).toContain('よろしくお願いします！');
    const edited = view.telops.find((t) => t.lines.join('') === 'よろしくお願いします！');
    expect(edited?.lines).toEqual(['よろしく', 'お願いします！']);

    // typing the original text back is no edit
    const back = await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 11.9, text: 'よろしくお願いします' } });
    expect(back.edits).toEqual([]);
  });

  it('moves a cue\'s in and out, hides and restores it, and resets it', async () => {
    await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, start: 8.9 } });
    let saved = await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, end: 11 } });
    expect(saved.edits).toEqual([{ cueStart: 8.6, start: 8.9, end: 11 }]);
    let view = await ok('getTelops', { videoId: URL_ID, moment: 1 });
    expect(view.rows[0]).toMatchObject({ cueStart: 8.6, start: 8.9, end: 11, edited: true });
    expect(view.telops[0]).toMatchObject({ start: 0.9, end: 3, lines: ['Nice to meet you'] });

    const short = await fails('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, start: 10.95 } });
    expect(short).toEqual({ code: 'INVALID_ARGUMENT', message: 'The cue at 8.6 s must stay at least 0.1 s long (in 10.95 s, out 11 s).' });

    await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, hidden: true } });
    view = await ok('getTelops', { videoId: URL_ID, moment: 1 });
    expect(view.rows[0]).toMatchObject({ hidden: true, edited: true });
    expect(onScreen(view)).not.toContain('Nice to meet you');

    saved = await ok('saveTelopEdit', { videoId: URL_ID, edit: { cueStart: 8.6, hidden: false } });
    expect(saved.edits).toEqual([{ cueStart: 8.6, start: 8.9, end: 11 }]);

    saved = await ok('resetTelopEdit', { videoId: URL_ID, cueStart: 8.62 });
    expect(saved.edits).toEqual([]);
    view = await ok('getTelops', { videoId: URL_ID, moment: 1 });
    expect(view.rows[0]).toMatchObject({ cueStart: 8.6, start: 8.6, end: 11.2, hidden: false, edited: false });
  });

  it('keeps the chosen style in the project', async () => {
    expect(await ok('setTelopStyle', { videoId: URL_ID, style: 'boxed' })).toMatchObject({ style: 'boxed' });
    const view = await ok('getTelops', { videoId: URL_ID, moment: 2 });
    expect(view.style).toMatchObject({ name: 'boxed', box: { color: expect.any(String) } });
    expect(view.band.boxPadding).toBeGreaterThan(0);
    const onDisk = JSON.parse(await readFile(join(root, URL_ID, 'telop-edits.json'), 'utf8')) as { style?: string };
    expect(onDisk.style).toBe('boxed');
  });
});

describe('loading a subtitle file into a project without subtitles (attachSubtitles)', () => {
  it('takes only a file the user chose or uploaded, never a typed path', async () => {
    const typed = join(base, 'typed.vtt');
    await copyFile(sharedFixture('captions/panel.ja.vtt'), typed);
    const error = await fails('attachSubtitles', { videoId: PLAIN_ID, file: typed });
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('the app loads only a file you chose, never a typed path');
    expect((await ok('getTelops', { videoId: PLAIN_ID, moment: 1 })).subtitles).toBeNull();
  });

  it('reads an uploaded .vtt, copies it into subtitles/ (which no yt-dlp fetch replaces) and names it in project.json; the upload is not left behind', async () => {
    const bytes = await readFile(sharedFixture('captions/panel.ja.vtt'));
    const uploaded = await saveUpload(root, PLAIN_ID, 'panel.ja.vtt', Readable.from([bytes]));
    expect(uploaded).toMatch(/sources\/\.upload-[0-9a-f]+-panel\.ja\.vtt$/);
    app.chosenFiles.add(uploaded); // as the HTTP host does after an upload

    const loaded = await ok('attachSubtitles', { videoId: PLAIN_ID, file: uploaded });
    expect(loaded).toEqual({ name: `${PLAIN_ID}.ja.vtt`, lang: 'ja', wordTimed: false, cues: 9 });
    expect(await readdir(join(root, PLAIN_ID, 'sources')), 'the staged upload is gone').toEqual([]);
    expect(await readdir(join(root, PLAIN_ID, 'subtitles'))).toEqual([`${PLAIN_ID}.ja.vtt`]);
    const project = await readProject(root, PLAIN_ID);
    expect(project?.signals?.captions).toEqual({ tags: 2, file: join(root, PLAIN_ID, 'subtitles', `${PLAIN_ID}.ja.vtt`) });
    // one use per choice
    expect((await fails('attachSubtitles', { videoId: PLAIN_ID, file: uploaded })).code).toBe('INVALID_ARGUMENT');

    const view = await ok('getTelops', { videoId: PLAIN_ID, moment: 1 });
    expect(view.subtitles?.name).toBe(`${PLAIN_ID}.ja.vtt`);
    expect(texts(view)).toEqual(['Nice to meet you', 'よろしくお願いします', 'じゃあ始めましょうか']);
  });

  it('refuses a file it cannot read (SUBTITLES_UNREADABLE), changing nothing', async () => {
    const fresh = 'freshVideo1';
    await makeProject(fresh, join(base, 'fresh.mp4'));
    const uploaded = await saveUpload(root, fresh, 'broken.srt', Readable.from([Buffer.from('\u0000\u0001\u0002 not subtitles')]));
    app.chosenFiles.add(uploaded);
    const error = await fails('attachSubtitles', { videoId: fresh, file: uploaded });
    expect(error.code).toBe('SUBTITLES_UNREADABLE');
    // named as the user picked it, not as the hidden copy the server made
    expect(error.message).toMatch(/^broken\.srt /);
    expect(await readdir(join(root, fresh, 'sources'))).toEqual([]);
    expect((await readProject(root, fresh))?.signals).toBeUndefined();
    expect((await ok('getTelops', { videoId: fresh, moment: 1 })).subtitles).toBeNull();
  });

  it("takes the desktop file dialog's choice (chooseSubtitleFile)", async () => {
    const other = 'dialogVideo';
    await makeProject(other, join(base, 'dialog.mp4'));
    dialogChoice = join(base, 'chosen.ja.json3');
    await copyFile(sharedFixture('captions/panel.ja.json3'), dialogChoice);
    expect(await ok('chooseSubtitleFile', {})).toEqual({ path: dialogChoice });
    expect(await ok('attachSubtitles', { videoId: other, file: dialogChoice })).toMatchObject({ name: `${other}.ja.json3`, wordTimed: true });
    // the user's own file stays where it was
    expect(await readFile(dialogChoice)).toEqual(await readFile(sharedFixture('captions/panel.ja.json3')));
  });

  it('refuses an upload that is neither a video nor a subtitle file', async () => {
    await expect(saveUpload(root, PLAIN_ID, 'notes.txt', Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('"notes.txt" cannot be loaded here: choose a video file'),
    });
  });
});

describe("the app's export with telops", () => {
  it('burns the telops of the project subtitles into the clips (captions: speech) and says when there are none', async () => {
    const withSubs = 'telopExport';
    await makeProject(withSubs, `https://www.youtube.com/watch?v=${withSubs}`);
    await updateProject(root, withSubs, `https://www.youtube.com/watch?v=${withSubs}`, { videoFile: sharedMedia('video/panel.mp4') });
    await mkdir(join(root, withSubs, 'sources'), { recursive: true });
    await copyFile(sharedFixture('captions/panel.ja.json3'), join(root, withSubs, 'sources', `${withSubs}.ja-orig.json3`));
    const args = { videoId: withSubs, preset: 'landscape', crop: 'center', perPerson: false, personIds: [], caption: 'speech', maxLengthS: null };
    const made = await ok('exportClips', args);
    expect(made.notes).toEqual([]);
    const manifest = JSON.parse(await readFile(join(root, withSubs, 'manifest.json'), 'utf8')) as { clips: { captions?: { mode: string; telops: number } }[] };
    expect(manifest.clips.length).toBeGreaterThan(0);
    expect(manifest.clips[0]?.captions).toMatchObject({ mode: 'speech' });
    expect(manifest.clips[0]?.captions?.telops).toBeGreaterThan(0);

    const noSubs = 'telopNoSubs';
    await makeProject(noSubs, `https://www.youtube.com/watch?v=${noSubs}`);
    await updateProject(root, noSubs, `https://www.youtube.com/watch?v=${noSubs}`, { videoFile: sharedMedia('video/panel.mp4') });
    const without = await ok('exportClips', { ...args, videoId: noSubs, maxLengthS: 8 });
    expect(without.clips.length).toBeGreaterThan(0);
    expect(without.notes.map((n) => n.code)).toEqual(['NO_SUBTITLES']);
  });
});
