import { KirinukiError } from '../../errors.js';
import { writeJsonAtomic } from '../../fs/atomic-write.js';
import { MOMENTS_FILE, momentsOfCommentSet } from '../../moments/moments-for-source.js';
import { normaliseMomentsOptions } from '../../moments/moments-options.js';
import { projectFile } from '../../project/project-dir.js';
import type { Project } from '../../project/project-schema.js';
import type { MomentsResult } from '../../moments/types.js';
import type { PipelineStage } from '../pipeline-stage.js';
import type { VideoJob } from '../video-job.js';
import { resultNotes } from '../viewer-sources.js';

/** The moments a project holds, in the `moments` JSON shape, or undefined while it knows no video. */
export function momentsOfProject(project: Project): MomentsResult | undefined {
  if (!project.video) return undefined;
  const { id, title, durationS } = project.video;
  const kept = { video: { id, title, durationS }, commentsFetched: project.commentsFetched ?? 0, mentions: project.mentions ?? 0, moments: project.moments ?? [] };
  return withNotes(kept, project.signals?.notes);
}

/** What could not be used (no chat replay, a broken subtitle file) goes with the moments, when there is any. */
function withNotes(result: MomentsResult, notes: MomentsResult['notes']): MomentsResult {
  const worth = resultNotes(notes);
  return worth.length > 0 ? { ...result, notes: worth } : result;
}

/** The ranked moments of the comments, kept in project.json and in `moments.json` (the `moments` JSON). */
export const momentsStage: PipelineStage<VideoJob> = {
  name: 'moments',
  inputs: (job, project) => ({
    comments: { videoId: job.comments?.commentSet.video.id, commentsFetched: job.comments?.commentsFetched },
    options: normaliseMomentsOptions(job.momentsOptions),
    // the signals stage's fingerprint covers the chat and subtitle files' contents (size, mtime)
    signals: job.sources ? { use: job.sources.signals, stage: project.stages.signals?.fingerprint } : undefined,
  }),
  run: async (job, context) => {
    if (!job.comments) throw new KirinukiError('INTERNAL', `The moments of ${job.videoId} need its comments first.`);
    const found = momentsOfCommentSet(job.comments.commentSet, job.comments.commentsFetched, job.momentsOptions, job.viewerSignals);
    const result = withNotes(found, job.signalNotes);
    job.moments = result;
    await writeJsonAtomic(projectFile(job.root, job.videoId, MOMENTS_FILE), result);
    context.onProgress({ stage: 'moments', fraction: 1, message: `${result.moments.length} moments` });
    // the video's metadata is the comments stage's (with its channel and date)
    const { commentsFetched, mentions, moments } = result;
    return { commentsFetched, mentions, moments };
  },
  reuse: async (job, project) => {
    const kept = momentsOfProject(project);
    if (!kept || !project.moments) return false;
    // the moments JSON names the commented video (a local file's project has an id of its own)
    job.moments = { ...kept, video: { ...kept.video, id: job.comments?.commentSet.video.id ?? kept.video.id } };
    return true;
  },
};
