import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findSidecarFiles, subtitleChoiceBeside } from '../acquire/sidecar-files.js';
import { checkSubsLang } from '../acquire/viewer-files-arguments.js';
import { KirinukiError } from '../errors.js';
import type { ClipCaptions } from '../export/clip-record.js';
import { showsTelops, showsTopComment, telopOverlay, telopsOfParts } from '../export/clip-telops.js';
import { writeCaptionPng } from '../export/render-caption.js';
import { captionPosition } from '../export/render-planned-clip.js';
import { captionText, topComment } from '../export/top-comment.js';
import type { ClipOverlay } from '../media/clip-layout.js';
import type { TimeWindow } from '../media/time-window.js';
import { projectDir } from '../project/project-dir.js';
import { readProject } from '../project/project-store.js';
import type { CaptionMode, MusicTags } from '../telops/telop.js';
import { readTelops } from './job-telops.js';
import { momentsOfProject } from './stages/moments-stage.js';
import { translatedSubtitlesNote, type SourceNote } from './viewer-sources.js';

export interface ReframeCaptionsRequest {
  input: string;
  videoId: string;
  /** Projects root: the project's telop edits and moments (for the top comment). */
  root?: string;
  span: TimeWindow;
  frame: { width: number; height: number };
  mode: CaptionMode;
  captionStyle?: string;
  musicTags?: MusicTags;
  /** `--subs FILE`; else the subtitles beside the video. */
  subsFile?: string;
  /** `--subs-lang`: the subtitles beside the video in this language only. */
  subsLang?: string;
  /** Scratch folder for the PNGs (the caller removes it). */
  workDir: string;
}

export interface ReframeCaptions {
  overlays: ClipOverlay[];
  captions?: ClipCaptions;
  notes: SourceNote[];
}

/**
 * What `reframe --captions` draws on the span: the telops of what is said (from `--subs` or the
 * subtitles beside the video, with the project's telop edits), and the top comment of the
 * project's moment over the span as a title card. A missing source is a note, not a failure.
 */
export async function reframeCaptions(request: ReframeCaptionsRequest): Promise<ReframeCaptions> {
  const { mode, span, frame } = request;
  const subsLang = checkSubsLang(request.subsLang);
  if (mode === 'none') return { overlays: [], notes: [] };
  const overlays: ClipOverlay[] = [];
  const notes: SourceNote[] = [];
  let count = 0;
  let style: string | undefined;
  if (showsTopComment(mode)) {
    const text = await topCommentOver(request);
    if (text === undefined) {
      notes.push({ code: 'NO_TOP_COMMENT', message: `No moment of ${request.videoId}'s project covers ${span.start.toFixed(1)}–${span.end.toFixed(1)} s with a comment (run kirinuki clips or moments on it first): no title card.` });
    } else {
      const image = await writeCaptionPng(join(request.workDir, 'caption.png'), text, { videoWidth: frame.width });
      overlays.push({ imagePath: join(request.workDir, 'caption.png'), ...captionPosition(frame, image) });
    }
  }
  if (showsTelops(mode)) {
    let subs: string | undefined;
    if (request.subsFile !== undefined) {
      subs = checkedFile(request.subsFile);
    } else {
      const beside = await findSidecarFiles(request.input, await subtitleChoiceBeside(request.input, subsLang));
      subs = beside.subs;
      const translated = translatedSubtitlesNote(beside.subsTrack, request.input, subsLang);
      if (translated) notes.push(translated);
    }
    const read = await readTelops({
      mode, captionStyle: request.captionStyle, musicTags: request.musicTags, subs,
      projectDir: projectDir(request.root, request.videoId), what: request.input,
    });
    notes.push(...read.notes);
    if (read.telops) {
      const telops = telopsOfParts(read.telops, [span], frame);
      const shown = telops.parts[0] ?? [];
      const overlay = await telopOverlay(join(request.workDir, 'telops'), shown, { frame, style: telops.style, durationS: span.end - span.start });
      if (overlay) overlays.push(overlay);
      count = shown.length;
      style = telops.style.name;
    }
  }
  const captions: ClipCaptions = { mode, ...(style !== undefined ? { style } : {}), telops: count };
  return { overlays, captions, notes };
}

/** The most-liked comment of the project's moment that overlaps the span most. */
async function topCommentOver(request: ReframeCaptionsRequest): Promise<string | undefined> {
  const project = await readProject(request.root, request.videoId).catch(() => undefined);
  const moments = project ? momentsOfProject(project)?.moments ?? [] : [];
  const overlap = (m: TimeWindow): number => Math.min(m.end, request.span.end) - Math.max(m.start, request.span.start);
  const best = moments.filter((m) => overlap(m) > 0).sort((a, b) => overlap(b) - overlap(a))[0];
  const comment = best ? topComment(best) : undefined;
  return comment ? captionText(comment.text) : undefined;
}

function checkedFile(path: string): string {
  const full = resolve(path);
  let isFile: boolean;
  try {
    isFile = statSync(full).isFile();
  } catch {
    throw new KirinukiError('FILE_NOT_FOUND', `--subs ${path}: there is no such file (${full}).`);
  }
  if (!isFile) throw new KirinukiError('INVALID_ARGUMENT', `--subs ${path} is a folder, not a file.`);
  return full;
}
