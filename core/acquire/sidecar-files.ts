import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readJsonFile } from '../fs/read-json.js';

/** Subtitle formats Kirinuki reads, best first: json3 times every word, vtt and srt only cues. */
export const SUBTITLE_EXTENSIONS = ['json3', 'vtt', 'srt'] as const;
export const CHAT_SUFFIX = '.live_chat.json';

/** The viewer-signal files yt-dlp left beside a video or its `.info.json`. */
export interface SidecarFiles {
  /** `<stem>.live_chat.json`. */
  chat?: string;
  /** `<stem>.<lang>.json3|vtt|srt`, the best one. */
  subs?: string;
  /** What `subs` is. */
  subsTrack?: SubtitleTrack;
}

/** What the info JSON says of a video's subtitle tracks, and which language is wanted. */
export interface SubtitleChoice {
  /** The info JSON's `language` (newer yt-dlp writes it); else the spoken language is read off a `<lang>-orig` track. */
  videoLanguage?: string;
  /** The uploader's tracks: the info JSON's `subtitles` keys; undefined when no info JSON says. */
  uploaderLanguages?: readonly string[];
  /** YouTube's auto-captions: the info JSON's `automatic_captions` keys. */
  autoLanguages?: readonly string[];
  /** `--subs-lang`: this language only (the uploader's track, else the auto-captions in it). */
  subsLang?: string;
}

/** What a picked subtitle file is. */
export interface SubtitleTrack {
  language: string;
  /** true: the uploader's; false: YouTube's auto-captions; undefined: nothing says (no info JSON). */
  uploader?: boolean;
  /** Auto-captions: true when machine-translated from the spoken language, false when in it; undefined when not known. */
  translated?: boolean;
  /** The spoken language, when known. */
  spoken?: string;
}

export interface PickedSubtitle extends SubtitleTrack {
  name: string;
}

/** `Title [id].info.json` → `Title [id]`; `Title [id].mp4` → `Title [id]`. */
export function sidecarStem(path: string): string {
  const name = basename(path);
  if (/\.info\.json$/i.test(name)) return name.replace(/\.info\.json$/i, '');
  return name.replace(/\.[^.]+$/, '');
}

interface SubtitleCandidate extends PickedSubtitle {
  format: number;
  orig: boolean;
}

/** `<stem>.<lang>.<ext>` with a subtitle extension → its language and format rank; anything else undefined. */
function subtitleCandidate(name: string, stem: string): { name: string; language: string; format: number } | undefined {
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

const ORIG = /-orig$/i;
const base = (language: string): string => language.toLowerCase().split('-')[0] ?? '';
const stringKeys = (value: unknown): string[] | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : undefined;

/** The tracks an info JSON lists (`language`, `subtitles`, `automatic_captions`), and `subsLang`. */
export function subtitleChoiceOfInfo(info: Record<string, unknown> | undefined, subsLang?: string): SubtitleChoice {
  const choice: SubtitleChoice = {};
  if (typeof info?.language === 'string' && info.language !== '') choice.videoLanguage = info.language;
  const uploader = stringKeys(info?.subtitles);
  const auto = stringKeys(info?.automatic_captions);
  // an info JSON that lists either table says what the uploader has (none when `subtitles` is missing)
  if (uploader !== undefined || auto !== undefined) choice.uploaderLanguages = (uploader ?? []).filter((l) => l !== 'live_chat');
  if (auto !== undefined) choice.autoLanguages = auto;
  if (subsLang !== undefined) choice.subsLang = subsLang;
  return choice;
}

/** The spoken language: the info JSON's `language`, else the `<lang>` of a `<lang>-orig` auto-caption (listed, or among the files). */
function spokenLanguage(choice: SubtitleChoice, languages: string[]): string | undefined {
  if (choice.videoLanguage !== undefined) return choice.videoLanguage.toLowerCase();
  const orig = [...(choice.autoLanguages ?? []), ...languages].find((l) => ORIG.test(l));
  return orig?.replace(ORIG, '').toLowerCase();
}

/** Whose a track is, and whether it is a translation, as far as the info JSON (or its name) tells. */
function classify(language: string, choice: SubtitleChoice, spoken: string | undefined): SubtitleTrack {
  const lang = language.toLowerCase();
  const track: SubtitleTrack = { language };
  if (spoken !== undefined) track.spoken = spoken;
  if (ORIG.test(lang)) return { ...track, uploader: false, translated: false };
  if (choice.uploaderLanguages !== undefined) track.uploader = choice.uploaderLanguages.some((l) => l.toLowerCase() === lang);
  if (track.uploader === true) return track;
  // the spoken language's auto-captions are its original; any other language of theirs is translated
  if (lang === spoken) track.translated = false;
  else if (spoken !== undefined && track.uploader === false) track.translated = true;
  return track;
}

/**
 * How well a track fits, lower first; undefined leaves it out. Without `--subs-lang`: the
 * uploader's track in the spoken language, then the uploader's regional variant of it, then the
 * auto-captions in the spoken language (`-orig` first), then the uploader's other languages,
 * then the rest (translations). With `--subs-lang L`: the uploader's L, the uploader's regional L,
 * the auto-captions in L (perhaps a translation), and nothing in another language.
 */
function languageRank(track: SubtitleTrack, spoken: string | undefined, subsLang: string | undefined): number | undefined {
  const lang = track.language.toLowerCase();
  const orig = ORIG.test(lang);
  if (subsLang !== undefined) {
    const wanted = subsLang.toLowerCase();
    if (track.uploader !== false && lang === wanted) return 0;
    if (track.uploader === true && base(lang) === base(wanted)) return 1;
    if (lang === wanted || lang === `${wanted}-orig`) return 2;
    if (track.uploader === undefined && !orig && base(lang) === base(wanted)) return 3;
    return undefined;
  }
  if (track.uploader !== false && lang === spoken) return 0;
  if (track.uploader !== false && !orig && spoken !== undefined && base(lang) === base(spoken)) return 1;
  if (orig || (spoken !== undefined && lang === spoken)) return 2;
  if (track.uploader === true) return 3;
  return 4;
}

/**
 * The best subtitle among file names beside `stem`, and what it is: the uploader's track in the
 * video's language, then the original-language auto-captions (`-orig`), then anything else — or
 * with `choice.subsLang` that language only; json3 > vtt > srt within a rank.
 */
export function pickSubtitleTrack(names: string[], stem: string, choice: SubtitleChoice = {}): PickedSubtitle | undefined {
  const found = names.map((n) => subtitleCandidate(n, stem)).filter((c) => c !== undefined);
  const spoken = spokenLanguage(choice, found.map((c) => c.language));
  const ranked: { candidate: SubtitleCandidate; rank: number }[] = [];
  for (const { name, language, format } of found) {
    const track = classify(language, choice, spoken);
    const rank = languageRank(track, spoken, choice.subsLang);
    if (rank !== undefined) ranked.push({ candidate: { ...track, name, format, orig: ORIG.test(language) }, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.candidate.format - b.candidate.format ||
      // within the auto-captions in the spoken language, `-orig` names it without doubt
      Number(b.candidate.orig) - Number(a.candidate.orig) ||
      a.candidate.name.localeCompare(b.candidate.name),
  );
  const best = ranked[0]?.candidate;
  if (!best) return undefined;
  const { format: _format, orig: _orig, ...picked } = best;
  return picked;
}

/** The name of the best subtitle beside `stem` (see pickSubtitleTrack). */
export function pickSubtitle(names: string[], stem: string, choice: SubtitleChoice = {}): string | undefined {
  return pickSubtitleTrack(names, stem, choice)?.name;
}

/** What the `.info.json` beside `path` (same stem) says of the subtitle tracks; only `subsLang` when there is none or it cannot be read. */
export async function subtitleChoiceBeside(path: string, subsLang?: string): Promise<SubtitleChoice> {
  const info = /\.info\.json$/i.test(path) ? path : join(dirname(path), `${sidecarStem(path)}.info.json`);
  const value = await readJsonFile(info).catch(() => undefined);
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  return subtitleChoiceOfInfo(object, subsLang);
}

/**
 * The files yt-dlp left next to `path` (a `.info.json`, or a video with the same stem):
 * `Title [id].live_chat.json` and `Title [id].<lang>.json3|vtt|srt`, picked by `choice`.
 */
export async function findSidecarFiles(path: string, choice: SubtitleChoice = {}): Promise<SidecarFiles> {
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
  const picked = pickSubtitleTrack(names, stem, choice);
  if (picked !== undefined) {
    const { name, ...track } = picked;
    found.subs = join(dir, name);
    found.subsTrack = track;
  }
  return found;
}
