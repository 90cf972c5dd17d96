import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAppState } from '../../core/app/app-state.js';
import { signalLaneSchema } from '../../core/app/contract.js';
import { buildProjectView } from '../../core/app/project-view.js';
import { coarsen, MAX_LANE_BINS, momentSignals, readSignalsForLanes, sampleHeatmap, signalLanes } from '../../core/app/signal-lanes.js';
import { updateProject } from '../../core/project/project-store.js';
import { chatCurve, chatEvidence, heatmap, plantSignals } from '../helpers/app-signals-project.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-lanes-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DENSITY = { binS: 5, counts: [0, 2, 7, 1, 0, 0, 3] };

describe('the timeline lanes of a project', () => {
  it('sums a long chat curve into at most MAX_LANE_BINS bars, keeping every reaction', () => {
    const values = Array.from({ length: 2160 }, (_, i) => (i === 1234 ? 90 : i % 7));
    const lane = coarsen({ binS: 5, values });
    expect(lane.values.length).toBeLessThanOrEqual(MAX_LANE_BINS);
    expect(lane.binS).toBe(30);
    expect(lane.values.reduce((a, b) => a + b, 0)).toBe(values.reduce((a, b) => a + b, 0));
    expect(lane.values.indexOf(Math.max(...lane.values)) * lane.binS).toBeLessThanOrEqual(1234 * 5);
    expect((lane.values.indexOf(Math.max(...lane.values)) + 1) * lane.binS).toBeGreaterThan(1234 * 5);
  });

  it('samples "most replayed" into the timeline bins, each the hottest segment it overlaps', () => {
    const lane = sampleHeatmap([{ start: 0, end: 300, value: 0.2 }, { start: 300, end: 310, value: 1 }, { start: 310, end: 1000, value: 0.4 }], 1000);
    expect(lane.binS).toBe(5);
    expect(lane.values).toHaveLength(200);
    expect(lane.values[59]).toBe(0.2);
    expect(lane.values[60]).toBe(1);
    expect(lane.values[61]).toBe(1);
    expect(lane.values[62]).toBe(0.4);
  });

  it('has the comments lane alone without signals.json, and one lane per signal in order with it', () => {
    expect(signalLanes({ durationS: 35, density: DENSITY }).map((l) => l.signal)).toEqual(['comments']);
    expect(signalLanes({ durationS: 35 })).toEqual([]);
    const lanes = signalLanes({
      durationS: 35,
      density: DENSITY,
      signals: {
        chatCurve: { binS: 5, values: [1, 1, 12, 30, 4, 1, 0] },
        heatmap: [{ start: 0, end: 17.5, value: 0.3 }, { start: 17.5, end: 35, value: 1 }],
        captionTags: [{ t: 16, tag: '[笑い]', kind: 'laugh' }, { t: 3, tag: '[拍手]', kind: 'applause' }, { t: 99, tag: '[音楽]', kind: 'music' }],
        notes: [],
      },
    });
    expect(lanes.map((l) => l.signal)).toEqual(['comments', 'chat', 'heatmap', 'captions']);
    for (const lane of lanes) expect(signalLaneSchema.safeParse(lane).success).toBe(true);
    expect(lanes[0]).toMatchObject({ binS: 5, values: DENSITY.counts, max: 7 });
    expect(lanes[1]).toMatchObject({ binS: 5, max: 30 });
    expect(lanes[2]).toMatchObject({ max: 1 });
    expect(lanes[3]?.marks).toEqual([{ t: 3, label: '[拍手]' }, { t: 16, label: '[笑い]' }]);
  });

  it('falls back to the heatmap the app kept from the comments, and ignores values that are not counts', () => {
    const lanes = signalLanes({
      durationS: 20,
      heatmap: [{ start: 0, end: 20, value: 0.5 }],
      signals: { chatCurve: { binS: 5, values: [Number.NaN, -3, 4, Number.POSITIVE_INFINITY] }, notes: [] },
    });
    expect(lanes.map((l) => l.signal)).toEqual(['chat', 'heatmap']);
    expect(lanes[0]?.values).toEqual([0, 0, 4, 0]);
    expect(lanes[1]?.values.every((v) => v === 0.5)).toBe(true);
  });

  it('keeps each part of a moment\'s evidence that parses and leaves out one that does not', () => {
    const chat = chatEvidence('laugh', [['草', 20]], 12);
    expect(momentSignals({ chat, heatmap: { peak: 'high' }, comments: { mentions: 3, authors: 2 } })).toEqual({ chat, comments: { mentions: 3, authors: 2 } });
    expect(momentSignals(undefined)).toEqual({});
    expect(momentSignals({ chat: { ...chat, kind: 'anger' } })).toEqual({});
  });

  it('reads signals.json part by part: a broken part is left out, an unreadable file is a note', async () => {
    expect(await readSignalsForLanes(root, 'noSignals01')).toBeUndefined();
    await mkdir(join(root, 'halfBroken1'), { recursive: true });
    await writeFile(join(root, 'halfBroken1', 'signals.json'), JSON.stringify({ chat: { curve: { binS: 'five' } }, heatmap: [{ start: 0, end: 5, value: 1 }], notes: [{ code: 'NO_SUBTITLES', message: 'No captions.' }] }));
    const half = await readSignalsForLanes(root, 'halfBroken1');
    expect(half).toMatchObject({ chatCurve: undefined, heatmap: [{ start: 0, end: 5, value: 1 }], notes: [{ code: 'NO_SUBTITLES' }] });
    await mkdir(join(root, 'cutShort001'), { recursive: true });
    await writeFile(join(root, 'cutShort001', 'signals.json'), '{"chat": {"curve"');
    const cut = await readSignalsForLanes(root, 'cutShort001');
    expect(cut?.notes[0]?.code).toBe('PROJECT_CORRUPT');
    expect(cut?.notes[0]?.message).toContain('signals.json');
  });

  it('builds the project view with lanes, the signals summary and notes, and each moment\'s evidence', async () => {
    const videoId = 'laneView001';
    await updateProject(root, videoId, 'test', {
      video: { id: videoId, title: 'Lanes', durationS: 600 },
      moments: [
        { rank: 1, start: 290, end: 315, peak: 301, score: 9, mentions: 6, comments: [{ id: 'c1', text: '5:01 lol', likes: 3, t: 301 }] },
        { rank: 2, start: 100, end: 120, peak: 110, score: 4, mentions: 0, comments: [] },
      ],
    });
    const before = await buildProjectView(root, videoId);
    expect(before.lanes).toEqual([]);
    expect(before.signals).toEqual({ chat: null, captions: null, notes: [] });
    expect(before.moments.map((m) => m.signals)).toEqual([{}, {}]);

    await updateAppState(root, videoId, (state) => ({ ...state, density: { binS: 3, counts: Array.from({ length: 200 }, (_, i) => (i === 100 ? 6 : 0)) } }));
    await plantSignals(root, videoId, {
      file: {
        chat: { lagS: 5, messages: 4200, candidates: [], curve: chatCurve(600, 5, [{ t: 304, height: 40, widthS: 6 }, { t: 112, height: 25, widthS: 5 }]) },
        heatmap: heatmap(600, [{ t: 302, widthS: 12 }]),
        captionTags: [{ t: 303, tag: '[笑い]', kind: 'laugh' }],
        notes: [{ code: 'CHAT_TRUNCATED', message: 'chat.json ends in a cut-off line; the chat before it was used.' }],
      },
      summary: { chat: { messages: 4200, lagS: 5, bursts: 2 }, captions: { tags: 1 }, notes: [{ code: 'CHAT_TRUNCATED', message: 'chat.json ends in a cut-off line; the chat before it was used.' }] },
      moments: [
        { near: 301, signals: { comments: { mentions: 6, authors: 5 }, chat: chatEvidence('laugh', [['草', 31], ['ｗｗｗ', 12]], 38), heatmap: { peak: 1 }, captions: { tags: ['[笑い]'] } } },
        { near: 110, signals: { chat: chatEvidence('hype', [['8888', 19]], 22) } },
      ],
    });
    const view = await buildProjectView(root, videoId);
    expect(view.lanes.map((l) => l.signal)).toEqual(['comments', 'chat', 'heatmap', 'captions']);
    const chat = view.lanes[1]!;
    expect(chat.binS).toBe(5);
    expect(chat.values.indexOf(chat.max) * chat.binS).toBeCloseTo(300, -1);
    const heat = view.lanes[2]!;
    expect(heat.values.indexOf(Math.max(...heat.values)) * heat.binS).toBeCloseTo(300, -1);
    expect(view.signals).toEqual({
      chat: { messages: 4200, lagS: 5, bursts: 2 },
      captions: { tags: 1 },
      notes: [{ code: 'CHAT_TRUNCATED', message: 'chat.json ends in a cut-off line; the chat before it was used.' }],
    });
    expect(view.moments[0]?.signals.chat?.topMessages[0]).toEqual({ text: '草', count: 31 });
    expect(view.moments[1]?.signals).toEqual({ chat: chatEvidence('hype', [['8888', 19]], 22) });
  });
});
