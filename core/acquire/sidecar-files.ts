import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Subtitle formats Kirinuki reads, best first: json3 times every word, vtt and srt only cues. */
export const SUBTITLE_EXTENSIONS = ['json3', 'vtt', 'srt'] as const;
export const CHAT_SUFFIX = '.live_chat.json';

/** The viewer-signal files yt-dlp left beside a video or its `.info.json`. */
export interface SidecarFiles {
  /** `<stem>.live_chat.json`. */
  chat?: string;
  /** `<stem>.<lang>.json3|vtt|srt`, the best one. */
  subs?: string;
}

/** `Title [id].info.json` → `Title [id]`; `Title [id].mp4` → `Title [id]`. */
export function sidecarStem(path: string): string {
  const name = basename(path);
  if (/\.info\.json$/i.test(name)) return name.replace(/\.info\.json$/i, '');
  return name.replace(/\.[^.]+$/, '');
}

interface SubtitleCandidate {
  name: string;
  language: string;
  format: number;
}

/** `<stem>.<lang>.<ext>` with a subtitle extension → its language and format rank; anything else undefined. */
function subtitleCandidate(name: string, stem: string): SubtitleCandidate | undefined {
  if (!name.startsWith(`${stem}.`)) return undefined;
  const rest = name.slice(stem.length + 1);
  const dot = rest.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const language = rest.slice(0, dot);
  const format = (SUBTITLE_EXTENSIONS as readonly string[]).indexOf(rest.slice(dot + 1).toLowerCase());
  // a language code is short and has no dot: `ja`, `ja-orig`, `en-US`, `zh-Hans`
  if (format < 0 || !/^[A-Za-z0-9_-]{1,20}$/.test(language) || language === 'live_chat') return undefined;
  return { name, language, format };
}

/**
 * How well a subtitle language fits the video: its own language first (the uploader's track or
 * yt-dlp's `<lang>-orig`), then any original-language auto-caption, then the rest (often machine
 * translations).
 */
function languageRank(language: string, videoLanguage: string | undefined): number {
  const base = videoLanguage?.toLowerCase();
  const lang = language.toLowerCase();
  if (base !== undefined && (lang === base || lang === `${base}-orig`)) return 0;
  if (base !== undefined && lang.split('-')[0] === base.split('-')[0]) return 1;
  if (lang.endsWith('-orig')) return 2;
  return 3;
}

/** The best subtitle among file names beside `stem`: the video's language / `-orig` first, then json3 > vtt > srt. */
export function pickSubtitle(names: string[], stem: string, videoLanguage?: string): string | undefined {
  const candidates = names.map((n) => subtitleCandidate(n, stem)).filter((c): c is SubtitleCandidate => c !== undefined);
  candidates.sort(
    (a, b) =>
      languageRank(a.language, videoLanguage) - languageRank(b.language, videoLanguage) ||
      a.format - b.format ||
      // the uploader's `ja` before the auto-caption `ja-orig`, then by name so the pick is stable
      Number(a.language.endsWith('-orig')) - Number(b.language.endsWith('-orig')) ||
      a.name.localeCompare(b.name),
  );
  return candidates[0]?.name;
}

/**
 * The files yt-dlp left next to `path` (a `.info.json`, or a video with the same stem):
 * `Title [id].live_chat.json` and `Title [id].<lang>.json3|vtt|srt`.
 */
export async function findSidecarFiles(path: string, videoLanguage?: string): Promise<SidecarFiles> {
  const dir = dirname(path);
  const stem = sidecarStem(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return {};
  }
  const found: SidecarFiles = {};
  if (names.includes(`${stem}${CHAT_SUFFIX}`)) found.chat = join(dir, `${stem}${CHAT_SUFFIX}`);
  const subs = pickSubtitle(names, stem, videoLanguage);
  if (subs !== undefined) found.subs = join(dir, subs);
  return found;
}
