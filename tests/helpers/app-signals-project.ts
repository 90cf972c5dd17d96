import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignalsFile } from '../../core/pipeline/stages/signals-stage.js';
import { updateProject } from '../../core/project/project-store.js';
import type { ProjectMoment, ProjectSignals } from '../../core/project/project-schema.js';

type ChatEvidence = NonNullable<NonNullable<ProjectMoment['signals']>['chat']>;
type MomentEvidence = NonNullable<ProjectMoment['signals']>;

/** What the signals stage would have found, for a test to lay into a project folder. */
export interface PlantedSignals {
  /** Written as `<project>/signals.json` (the signals stage's SignalsFile). */
  file: SignalsFile;
  /** project.json's `signals` summary. */
  summary: ProjectSignals;
  /** The evidence of the moment whose peak is nearest each time (the moments stage's `moments[].signals`). */
  moments: { near: number; signals: MomentEvidence }[];
}

/** A chat curve of fresh reacting chatters per `binS`: a low murmur with a burst at each time. */
export function chatCurve(durationS: number, binS: number, bursts: { t: number; height: number; widthS: number }[]): { binS: number; values: number[] } {
  const values = Array.from({ length: Math.max(1, Math.ceil(durationS / binS)) }, (_, i) => {
    const t = (i + 0.5) * binS;
    const murmur = 1 + (i % 3 === 0 ? 1 : 0);
    const burst = bursts.reduce((sum, b) => sum + b.height * Math.exp(-(((t - b.t) / b.widthS) ** 2)), 0);
    return Math.round(murmur + burst);
  });
  return { binS, values };
}

/** "Most replayed" in 100 segments, as yt-dlp gives it: a base level with a hump at each time. */
export function heatmap(durationS: number, humps: { t: number; widthS: number }[]): SignalsFile['heatmap'] {
  const step = durationS / 100;
  return Array.from({ length: 100 }, (_, i) => {
    const mid = (i + 0.5) * step;
    const hump = humps.reduce((top, h) => Math.max(top, Math.exp(-(((mid - h.t) / h.widthS) ** 2))), 0);
    return { start: i * step, end: (i + 1) * step, value: Math.round(Math.min(1, 0.12 + hump * 0.88) * 1000) / 1000 };
  });
}

export function chatEvidence(kind: ChatEvidence['kind'], topMessages: [string, number][], chatters: number): ChatEvidence {
  const reactions = topMessages.reduce((sum, [, count]) => sum + count, 0);
  return { messages: Math.round(reactions * 1.4), chatters, reactions, kind, topMessages: topMessages.map(([text, count]) => ({ text, count })) };
}

/**
 * Lays what the signals and moments stages would write into a project the app already opened:
 * `signals.json`, project.json's `signals`, and the evidence of the moments nearest the times.
 */
export async function plantSignals(root: string, videoId: string, planted: PlantedSignals): Promise<void> {
  await writeFile(join(root, videoId, 'signals.json'), JSON.stringify(planted.file));
  await updateProject(root, videoId, '', (project) => ({
    signals: planted.summary,
    moments: (project.moments ?? []).map((moment) => {
      const near = planted.moments.filter((p) => Math.abs(p.near - moment.peak) <= Math.max(3, (moment.end - moment.start) / 2));
      const best = near.sort((a, b) => Math.abs(a.near - moment.peak) - Math.abs(b.near - moment.peak))[0];
      return best ? { ...moment, signals: { ...moment.signals, ...best.signals } } : moment;
    }),
  }));
}
