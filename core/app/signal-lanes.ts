import { z } from 'zod';
import { toErrorPayload } from '../errors.js';
import { readJsonIfExists } from '../fs/read-json.js';
import type { MomentSignals } from '../moments/types.js';
import { SIGNALS_FILE } from '../pipeline/stages/signals-stage.js';
import { projectFile } from '../project/project-dir.js';
import type { Project } from '../project/project-schema.js';
import { signalLaneSchema } from './contract.js';
import type { SignalLane, SignalsView } from './views.js';

/** A lane has at most this many bars: a 3-hour chat curve is summed into wider bins. */
export const MAX_LANE_BINS = 400;
/** The captions lane shows at most this many ticks with their tag (the bins count them all). */
const MAX_MARKS = 500;

const noteSchema = z.object({ code: z.string(), message: z.string() });
const notesSchema = z.array(noteSchema);
const curveSchema = z.object({ binS: z.number().finite().positive(), values: z.array(z.number()) });
const heatmapSchema = z.array(z.object({ start: z.number(), end: z.number(), value: z.number() }));
const captionTagsSchema = z.array(z.object({ t: z.number(), tag: z.string(), kind: z.string() }));
const projectSignalsSchema = z.object({
  chat: z.object({ messages: z.number(), lagS: z.number(), bursts: z.number() }).optional(),
  captions: z.object({ tags: z.number() }).optional(),
  notes: notesSchema.optional(),
});

type HeatmapPoint = z.infer<typeof heatmapSchema>[number];
type CaptionTag = z.infer<typeof captionTagsSchema>[number];
type Note = z.infer<typeof noteSchema>;

/** The parts of `signals.json` (the signals stage's SignalsFile) the timeline draws, each checked alone. */
export interface SignalsForLanes {
  chatCurve?: { binS: number; values: number[] };
  heatmap?: HeatmapPoint[];
  captionTags?: CaptionTag[];
  notes: Note[];
}

const field = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/**
 * `<project>/signals.json` as the lanes need it; undefined when there is none. A part that does not
 * parse is left out (the other lanes still show); a file that cannot be read at all is a note.
 */
export async function readSignalsForLanes(root: string, videoId: string): Promise<SignalsForLanes | undefined> {
  let raw: unknown;
  try {
    raw = await readJsonIfExists(projectFile(root, videoId, SIGNALS_FILE));
  } catch (error) {
    const why = toErrorPayload(error).message;
    return { notes: [{ code: 'PROJECT_CORRUPT', message: `The project's ${SIGNALS_FILE} could not be read (${why}); run the moments again to rebuild it.` }] };
  }
  if (raw === undefined) return undefined;
  const file = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const chat = (typeof file.chat === 'object' && file.chat !== null ? file.chat : {}) as Record<string, unknown>;
  return {
    chatCurve: field(curveSchema, chat.curve),
    heatmap: field(heatmapSchema, file.heatmap),
    captionTags: field(captionTagsSchema, file.captionTags),
    notes: field(notesSchema, file.notes) ?? [],
  };
}

const clean = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);
const peak = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), 0);

/** Bins of a curve summed `k` at a time so there are at most `maxBins` of them. */
export function coarsen(curve: { binS: number; values: readonly number[] }, maxBins = MAX_LANE_BINS): { binS: number; values: number[] } {
  const k = Math.max(1, Math.ceil(curve.values.length / maxBins));
  const values = new Array<number>(Math.ceil(curve.values.length / k)).fill(0);
  curve.values.forEach((v, i) => {
    values[Math.floor(i / k)]! += clean(v);
  });
  return { binS: curve.binS * k, values };
}

/** The timeline's own bins (as the comment density): about 200 over the video, at least 1 s each. */
function timelineBins(durationS: number): { binS: number; count: number } {
  const binS = Math.max(1, durationS / 200);
  return { binS, count: Math.max(1, Math.ceil(durationS / binS)) };
}

/** The "most replayed" share of each bin: the hottest segment overlapping it. */
export function sampleHeatmap(points: readonly HeatmapPoint[], durationS: number): { binS: number; values: number[] } {
  const span = durationS > 0 ? durationS : peak(points.map((p) => p.end));
  const { binS, count } = timelineBins(span);
  const values = new Array<number>(count).fill(0);
  for (const point of points) {
    if (!(point.end > point.start)) continue;
    const first = Math.max(0, Math.floor(point.start / binS));
    const last = Math.min(count - 1, Math.ceil(point.end / binS) - 1);
    for (let i = first; i <= last; i += 1) values[i] = Math.max(values[i]!, Math.min(1, clean(point.value)));
  }
  return { binS, values };
}

function captionsLane(tags: readonly CaptionTag[], durationS: number): SignalLane {
  const span = durationS > 0 ? durationS : peak(tags.map((t) => t.t));
  const { binS, count } = timelineBins(span);
  const values = new Array<number>(count).fill(0);
  const inside = tags.filter((tag) => Number.isFinite(tag.t) && tag.t >= 0 && tag.t <= Math.max(span, 0));
  for (const tag of inside) values[Math.min(count - 1, Math.floor(tag.t / binS))]! += 1;
  const marks = [...inside].sort((a, b) => a.t - b.t).slice(0, MAX_MARKS).map((tag) => ({ t: tag.t, label: tag.tag.slice(0, 200) }));
  return { signal: 'captions', binS, values, max: Math.max(1, peak(values)), marks };
}

export interface LaneInputs {
  durationS: number;
  /** The comment mentions per bin the app keeps (app-state.json), when the comments were read. */
  density?: { binS: number; counts: number[] };
  /** The heatmap the app kept from the comment set, for projects made before signals.json. */
  heatmap?: HeatmapPoint[];
  signals?: SignalsForLanes;
}

/** One lane per signal there is, in SIGNAL_NAMES order, each checked against the contract's schema. */
export function signalLanes({ durationS, density, heatmap, signals }: LaneInputs): SignalLane[] {
  const lanes: SignalLane[] = [];
  if (density && density.counts.length > 0 && density.binS > 0) {
    const bins = coarsen({ binS: density.binS, values: density.counts });
    lanes.push({ signal: 'comments', ...bins, max: Math.max(1, peak(bins.values)) });
  }
  if (signals?.chatCurve && signals.chatCurve.values.length > 0) {
    const bins = coarsen(signals.chatCurve);
    lanes.push({ signal: 'chat', ...bins, max: Math.max(1, peak(bins.values)) });
  }
  const heat = signals?.heatmap?.length ? signals.heatmap : heatmap;
  if (heat && heat.length > 0) lanes.push({ signal: 'heatmap', ...sampleHeatmap(heat, durationS), max: 1 });
  if (signals?.captionTags && signals.captionTags.length > 0) lanes.push(captionsLane(signals.captionTags, durationS));
  return lanes.flatMap((lane) => {
    const checked = signalLaneSchema.safeParse(lane);
    return checked.success ? [checked.data] : [];
  });
}

/** project.json's `signals` summary, and the notes of project.json and signals.json, each note once. */
export function signalsView(project: Project, file: SignalsForLanes | undefined): SignalsView {
  const summary = field(projectSignalsSchema, project.signals) ?? {};
  const seen = new Set<string>();
  const notes = [...(summary.notes ?? []), ...(file?.notes ?? [])].filter((note) => {
    const key = `${note.code}\u0000${note.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { chat: summary.chat ?? null, captions: summary.captions ?? null, notes };
}

const momentSignalParts = {
  comments: z.object({ mentions: z.number(), authors: z.number() }),
  chat: z.object({
    messages: z.number(),
    chatters: z.number(),
    reactions: z.number(),
    kind: z.enum(['laugh', 'surprise', 'hype']),
    topMessages: z.array(z.object({ text: z.string(), count: z.number() })),
  }),
  heatmap: z.object({ peak: z.number() }),
  captions: z.object({ tags: z.array(z.string()) }),
};

/** A moment's `signals` evidence as project.json keeps it, each signal's part checked alone (a bad one is left out). */
export function momentSignals(raw: unknown): MomentSignals {
  const signals = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const result: MomentSignals = {};
  const comments = field(momentSignalParts.comments, signals.comments);
  if (comments) result.comments = comments;
  const chat = field(momentSignalParts.chat, signals.chat);
  if (chat) result.chat = chat;
  const heatmap = field(momentSignalParts.heatmap, signals.heatmap);
  if (heatmap) result.heatmap = heatmap;
  const captions = field(momentSignalParts.captions, signals.captions);
  if (captions) result.captions = captions;
  return result;
}
