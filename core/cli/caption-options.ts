import type { Command } from 'commander';
import { KirinukiError } from '../errors.js';
import { CAPTION_MODES, type CaptionMode, type MusicTags } from '../telops/telop.js';
import { DEFAULT_TELOP_STYLE, TELOP_STYLE_NAMES, telopStyle } from '../telops/telop-style.js';

/** `--captions`, `--caption` (its older spelling), `--caption-style`, `--music-tags` as commander gives them. */
export interface CaptionFlags {
  captions?: string;
  caption?: string;
  captionStyle?: string;
  musicTags?: string;
}

export interface CaptionSettings {
  captions?: CaptionMode;
  captionStyle?: string;
  musicTags?: MusicTags;
}

const MUSIC_TAGS: readonly MusicTags[] = ['drop', 'note'];

/** `--subs-lang` on `moments`, `clips` and `channel`: the fetched (or beside-the-source) captions' language. */
export const SUBS_LANG_HELP =
  "the captions in this language (ja, en, pt-BR …): the uploader's subtitles in it, else YouTube's auto-captions in it, machine-translated unless it is the spoken language (default: the video's own language)";

/** The four options on a command (`clips`, `reframe`), with the modes it takes. */
export function addCaptionOptions(command: Command, modes: readonly CaptionMode[] = CAPTION_MODES): Command {
  return command
    .option('--captions <mode>', `${modes.join('|')}: telops of what is said (from the video's subtitles)${modes.includes('both') ? ', the top comment as a title card, both' : ''}, or none (default none)`)
    .option('--caption <mode>', 'the older spelling of --captions (--caption top-comment)')
    .option('--caption-style <name>', `telop style: ${TELOP_STYLE_NAMES.join(', ')} (default: the one picked in the app, else ${DEFAULT_TELOP_STYLE})`)
    .option('--music-tags <how>', 'music tags ([音楽], [Music]) in telops: drop, or note to show ♪ (default drop)');
}

/** Checks the flags once; undefined fields mean the defaults. */
export function captionSettings(flags: CaptionFlags, modes: readonly CaptionMode[] = CAPTION_MODES): CaptionSettings {
  if (flags.captions !== undefined && flags.caption !== undefined && flags.captions !== flags.caption) {
    throw new KirinukiError('INVALID_ARGUMENT', `--captions ${flags.captions} and --caption ${flags.caption} disagree: give one of them.`);
  }
  const settings: CaptionSettings = {};
  const raw = flags.captions ?? flags.caption;
  if (raw !== undefined) {
    if (!(modes as readonly string[]).includes(raw)) {
      const flag = flags.captions !== undefined ? '--captions' : '--caption';
      throw new KirinukiError('INVALID_ARGUMENT', `${flag} "${raw}" is not one of ${modes.join(', ')}.`);
    }
    settings.captions = raw as CaptionMode;
  }
  if (flags.captionStyle !== undefined) settings.captionStyle = telopStyle(flags.captionStyle).name;
  if (flags.musicTags !== undefined) {
    if (!(MUSIC_TAGS as readonly string[]).includes(flags.musicTags)) {
      throw new KirinukiError('INVALID_ARGUMENT', `--music-tags "${flags.musicTags}" is not one of ${MUSIC_TAGS.join(', ')}.`);
    }
    settings.musicTags = flags.musicTags as MusicTags;
  }
  return settings;
}
