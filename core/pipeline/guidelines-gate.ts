import { join } from 'node:path';
import { YtDlpFailure } from '../acquire/ytdlp-failure.js';
import { selectMoments } from '../export/clip-plan.js';
import { clipUploadText } from '../export/clip-upload.js';
import { readExportHistory } from '../export/export-history.js';
import { checkAvailability, checkCredit, checkWait } from '../guidelines/check-source.js';
import { checkShare } from '../guidelines/check-share.js';
import { checkTitleWords } from '../guidelines/check-title-words.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';
import { projectDir } from '../project/project-dir.js';
import type { Project } from '../project/project-schema.js';
import type { VideoMeta } from '../youtube/types.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';
import { clipWindowsOf, momentsToClip } from './clip-windows.js';
import type { StageContext } from './pipeline-stage.js';
import { sourceMetaOf, uploadContextOf } from './upload-context.js';
import type { VideoJob } from './video-job.js';

/**
 * The guidelines profile of an export, checked before its video is acquired (so before anything
 * is downloaded or encoded): who may watch the source, the wait after it, the credit it can give,
 * the share of it clipped with every earlier export, and the words no title may hold. Each
 * violation throws its GUIDELINE_* code; what the source does not say is logged as unchecked.
 */
export async function checkJobGuidelines(job: VideoJob, project: Project, context: Pick<StageContext, 'log'>, now = new Date()): Promise<void> {
  const profile = job.clips?.guidelines;
  if (!profile) return;
  const video = sourceMetaOf(job, project);
  const upload = uploadContextOf(job, project);
  const notes = [...checkAvailability(profile, video), ...checkWait(profile, video, now)];
  checkCredit(profile, video, upload.source.youtubeId !== undefined);
  const dir = join(projectDir(job.root, job.videoId), job.clips?.folder ?? '');
  const exported = (await readExportHistory(dir)).flatMap((entry) => entry.clips.map(({ start, end }) => ({ start, end })));
  const durationS = job.moments?.video.durationS || video.durationS;
  const windows = await clipWindowsOf(job);
  checkShare(profile, { id: video.id, durationS }, { planned: windows, exported });
  const moments = selectMoments(momentsToClip(job), job.clips?.top);
  checkTitleWords(profile, moments.map((moment, i) => {
    const window = windows[i] ?? moment;
    return { clip: `the clip of moment #${moment.rank}`, title: clipUploadText(upload, { moment, segments: [window], person: null, start: window.start }).title };
  }));
  for (const note of notes) context.log(note.message);
}

/**
 * The rules that need only the source's metadata (who may watch it, the wait after it, the
 * credit it can give), as the hook the loaders call once `videos.list` answered: a refused
 * source stops the run before its comment pages, chat or video are fetched. Its notes are left
 * to the full gate, which runs again before the video with what yt-dlp added.
 */
export function sourceCheckOf(profile: GuidelinesProfile | undefined, now: () => Date = () => new Date()): ((video: VideoMeta) => void) | undefined {
  if (!profile) return undefined;
  return (video) => {
    checkAvailability(profile, video);
    checkWait(profile, video, now());
    checkCredit(profile, video, isYoutubeVideoId(video.id));
  };
}

/**
 * yt-dlp refused to read a video (members-only, private) before the gate could run: with a
 * profile that refuses that kind, the failure is the profile's GUIDELINE_* refusal instead.
 */
export function guidelineRefusalOf(error: unknown, profile: GuidelinesProfile | undefined, videoId: string): unknown {
  if (!profile || !(error instanceof YtDlpFailure) || !error.availability) return error;
  try {
    checkAvailability(profile, { id: videoId, title: videoId, durationS: 0, availability: error.availability });
  } catch (refusal) {
    return refusal;
  }
  return error;
}
