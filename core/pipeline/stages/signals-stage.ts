import { captionReactions } from '../../captions/caption-reactions.js';
import { readCaptions } from '../../captions/read-captions.js';
import { readChatLog } from '../../chat/read-chat-log.js';
import { chatSignal, type ChatSignal } from '../../chat/chat-signal.js';
import { KirinukiError, toErrorPayload } from '../../errors.js';
import { writeJsonAtomic } from '../../fs/atomic-write.js';
import { readJsonIfExists } from '../../fs/read-json.js';
import { findMoments } from '../../moments/find-moments.js';
import { SIGNAL_NAMES } from '../../moments/signal-names.js';
import type { CaptionTag, ViewerSignals } from '../../moments/viewer-signals.js';
import { fileIdentity } from '../../project/fingerprint.js';
import { projectFile } from '../../project/project-dir.js';
import type { ProjectSignals } from '../../project/project-schema.js';
import type { PipelineStage, StageContext } from '../pipeline-stage.js';
import type { SourceNote } from '../viewer-sources.js';
import type { VideoJob } from '../video-job.js';
import type { HeatmapPoint } from '../../youtube/types.js';

/** The chat's curve and candidates and the captions' tags, so a re-run never reads the chat again. */
export const SIGNALS_FILE = 'signals.json';

export interface SignalsFile {
  chat?: ChatSignal;
  /** The "most replayed" heatmap, for the app's lane (the moments read it from the comment set). */
  heatmap?: HeatmapPoint[];
  captionTags?: CaptionTag[];
  notes: SourceNote[];
}

const wanted = (job: VideoJob, name: 'chat' | 'captions'): boolean => (job.sources?.signals ?? SIGNAL_NAMES).includes(name);

/** A signal that cannot be read is a note: the other signals still count. Cancelling still stops. */
async function readOrNote<T>(read: () => Promise<T>, notes: SourceNote[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    const payload = toErrorPayload(error);
    if (payload.code === 'CANCELLED') throw error;
    notes.push({ code: payload.code, message: payload.message });
    return undefined;
  }
}

/** Where the comments alone put their moments: the chat's lag is measured against them. */
function commentPeaks(job: VideoJob): number[] {
  if (!job.comments) return [];
  return findMoments(job.comments.commentSet, { top: 50 }, { use: ['comments'] }).moments.map((m) => m.peak);
}

async function readSignals(job: VideoJob, context: StageContext): Promise<SignalsFile> {
  const notes = [...(job.sources?.notes ?? [])];
  const durationS = job.comments?.commentSet.video.durationS ?? 0;
  const chatPath = wanted(job, 'chat') ? job.sources?.chat : undefined;
  const subsPath = wanted(job, 'captions') ? job.sources?.subs : undefined;
  const log = chatPath === undefined ? undefined : await readOrNote(() => readChatLog(chatPath, { signal: context.signal, onProgress: context.onProgress }), notes);
  if (log && log.totals.truncated) notes.push({ code: 'CHAT_TRUNCATED', message: `${chatPath} ends in a cut-off line (an interrupted download?); the chat before it was used.` });
  const chat = log ? chatSignal(log, durationS, commentPeaks(job)) : undefined;
  const track = subsPath === undefined ? undefined : await readOrNote(() => readCaptions(subsPath), notes);
  const captionTags = track ? captionReactions(track) : undefined;
  for (const note of notes.slice(job.sources?.notes.length ?? 0)) context.log(note.message);
  const heatmap = (job.sources?.signals ?? SIGNAL_NAMES).includes('heatmap') ? job.comments?.commentSet.heatmap : undefined;
  return { chat, heatmap, captionTags, notes };
}

function summary(file: SignalsFile, subsPath: string | undefined): ProjectSignals {
  const result: ProjectSignals = { notes: file.notes };
  if (file.chat) result.chat = { messages: file.chat.messages, lagS: file.chat.lagS, bursts: file.chat.candidates.length };
  if (file.captionTags) result.captions = { tags: file.captionTags.length, ...(subsPath === undefined ? {} : { file: subsPath }) };
  return result;
}

function onJob(job: VideoJob, file: SignalsFile): void {
  const signals: ViewerSignals = { use: job.sources?.signals, chat: file.chat, captionTags: file.captionTags };
  job.viewerSignals = signals;
  job.signalNotes = file.notes;
}

const identityOf = async (path: string | undefined) => (path === undefined ? undefined : fileIdentity(path).catch(() => ({ path, missing: true })));

/**
 * The viewer signals beside the comments: the live-chat replay read once (bursts of reactions,
 * lag-shifted) and the captions' reaction tags, kept in `signals.json`; a missing or broken file
 * is a note and the other signals still count.
 */
export const signalsStage: PipelineStage<VideoJob> = {
  name: 'signals',
  inputs: async (job) => ({
    signals: job.sources?.signals ?? SIGNAL_NAMES,
    chat: wanted(job, 'chat') ? await identityOf(job.sources?.chat) : undefined,
    subs: wanted(job, 'captions') ? await identityOf(job.sources?.subs) : undefined,
    notes: job.sources?.notes ?? [],
    // the chat's lag is measured against the comments' moments
    comments: { videoId: job.comments?.commentSet.video.id, commentsFetched: job.comments?.commentsFetched },
  }),
  run: async (job, context) => {
    if (!job.comments) throw new KirinukiError('INTERNAL', `The signals of ${job.videoId} need its comments first.`);
    const file = await readSignals(job, context);
    await writeJsonAtomic(projectFile(job.root, job.videoId, SIGNALS_FILE), file);
    onJob(job, file);
    const chat = file.chat ? `${file.chat.candidates.length} chat bursts` : 'no chat';
    context.onProgress({ stage: 'signals', fraction: 1, message: `${chat}, ${file.captionTags?.length ?? 0} caption tags` });
    return { signals: summary(file, job.sources?.subs) };
  },
  reuse: async (job) => {
    const file = (await readJsonIfExists(projectFile(job.root, job.videoId, SIGNALS_FILE))) as SignalsFile | undefined;
    if (!file || !Array.isArray(file.notes)) return false;
    onJob(job, file);
    return true;
  },
};
