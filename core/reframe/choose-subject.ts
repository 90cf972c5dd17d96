import type { TrackSample } from '../faces/types.js';
import { chooseSpeakers, type SpeakerTurn } from './choose-speaker.js';
import { subjectSeries } from './subject-series.js';
import type { Shot } from './types.js';

export type SubjectChoice =
  | { kind: 'faces'; ids: string[]; reason: string }
  | { kind: 'speakers'; ids: string[]; turns: SpeakerTurn[]; reason: string }
  | { kind: 'split'; ids: [string, string]; reason: string }
  | { kind: 'none'; reason: string };

export interface ChooseSubjectOptions {
  cropWidth: number;
  person?: string;
  layout?: 'single' | 'split';
  /**
   * The shot, when the camera may follow whoever speaks in it (the `single` layout, nobody
   * chosen): where the people do not fit in the crop together, it cuts between them as they speak.
   */
  speakerShot?: Shot;
}

/** A face far smaller or briefer than the main one (a passer-by, a poster) is not a subject. */
const MINOR_SHARE = 0.2;
/** Faces about as prominent as the main one must be shown with it (or the shot falls back). */
const MUST_SHOW_SHARE = 0.5;
/** Faces shown together need this share of the crop width at most, leaving a margin. */
const FIT_SHARE = 0.9;
/** ...at this share of the analysed times at least. */
const FIT_TIME_SHARE = 0.95;

/** Screen time x size: the sum of the box areas over the analysed frames. */
function prominence(samples: TrackSample[]): number {
  return samples.reduce((sum, s) => sum + s.box.w * s.box.h, 0);
}

function medianWidth(samples: TrackSample[]): number {
  const widths = samples.map((s) => s.box.w).sort((a, b) => a - b);
  return widths[Math.floor(widths.length / 2)] ?? 0;
}

function meanCentreX(samples: TrackSample[]): number {
  return samples.reduce((sum, s) => sum + s.box.x + s.box.w / 2, 0) / Math.max(1, samples.length);
}

function fitTogether(groups: TrackSample[][], cropWidth: number): boolean {
  const series = subjectSeries(groups);
  const fitting = series.filter((s) => s.box.w <= cropWidth * FIT_SHARE).length;
  return fitting >= FIT_TIME_SHARE * series.length;
}

/** A close-up face a little wider than the crop is still framed; a much wider one falls back. */
const TOO_WIDE = 1.25;

function single(id: string, samples: TrackSample[], cropWidth: number, why: string): SubjectChoice {
  if (medianWidth(samples) > TOO_WIDE * cropWidth) {
    return { kind: 'none', reason: `the face of ${id} is wider than the crop` };
  }
  return { kind: 'faces', ids: [id], reason: why };
}

/**
 * Whom the camera keeps in frame during one shot: the chosen person; otherwise every visible face
 * when they fit in the crop together, else the dominant one when it clearly dominates, else the
 * main faces together, else (with `speakerShot`) whichever of the main faces speaks, else two of
 * them stacked in the split layout.
 * `none` means the shot falls back to the blurred fit, with the reason in words.
 */
export function chooseSubject(
  bySubject: Map<string, TrackSample[]>,
  options: ChooseSubjectOptions,
): SubjectChoice {
  const { cropWidth, person } = options;
  if (person !== undefined) {
    const samples = bySubject.get(person);
    if (!samples) return { kind: 'none', reason: `person ${person} is not on screen in this shot` };
    return single(person, samples, cropWidth, `the chosen person ${person}`);
  }
  if (bySubject.size === 0) return { kind: 'none', reason: 'no face in this shot' };
  const ranked = [...bySubject.entries()]
    .map(([id, samples]) => ({ id, samples, score: prominence(samples) }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0]!;
  const visible = ranked.filter((r) => r.score >= MINOR_SHARE * top.score);
  if (visible.length > 1 && fitTogether(visible.map((r) => r.samples), cropWidth)) {
    return { kind: 'faces', ids: visible.map((r) => r.id), reason: 'all faces fit in the crop' };
  }
  const mustShow = ranked.filter((r) => r.score >= MUST_SHOW_SHARE * top.score);
  if (mustShow.length === 1) return single(top.id, top.samples, cropWidth, 'the dominant face');
  if (fitTogether(mustShow.map((r) => r.samples), cropWidth)) {
    return { kind: 'faces', ids: mustShow.map((r) => r.id), reason: 'the main faces fit in the crop' };
  }
  // only the main faces: a small face in the back whose landmarks jitter never takes the camera
  const speakers = followSpeakers(mustShow.map((r) => r.id), bySubject, options);
  if (speakers) return speakers;
  if (options.layout === 'split') {
    const pair = [mustShow[0]!, mustShow[1]!].sort(
      (p, q) => meanCentreX(p.samples) - meanCentreX(q.samples),
    );
    return { kind: 'split', ids: [pair[0]!.id, pair[1]!.id], reason: 'two people far apart, stacked' };
  }
  return { kind: 'none', reason: 'the faces are too far apart to fit in the crop together' };
}

/** Cuts between the main faces as they speak, when asked for and someone speaks. */
function followSpeakers(ids: string[], bySubject: Map<string, TrackSample[]>, options: ChooseSubjectOptions): SubjectChoice | undefined {
  if (!options.speakerShot || ids.length < 2) return undefined;
  const turns = chooseSpeakers(new Map(ids.map((id) => [id, bySubject.get(id)!])), options.speakerShot);
  if (!turns) return undefined;
  const followed = [...new Set(turns.map((turn) => turn.id))];
  const when = turns.map((turn) => `${turn.id} ${turn.start.toFixed(1)}-${turn.end.toFixed(1)}`).join(', ');
  return { kind: 'speakers', ids: followed, turns, reason: `whoever speaks of ${ids.length} people too far apart for one crop: ${when}` };
}
