import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { KirinukiError } from '../errors.js';
import { packageDir } from '../resources.js';

/** Family names Kirinuki registers; captions never depend on the fonts of the machine. */
export const CAPTION_TEXT_FAMILY = 'Kirinuki Noto Sans JP';
export const CAPTION_EMOJI_FAMILY = 'Kirinuki Twemoji';

/** The fonts shipped with the app (OFL-1.1, from npm packages, unpacked from the asar when packaged). */
export function captionFontFiles(): { text: string; emoji: string } {
  return {
    text: join(packageDir('@expo-google-fonts/noto-sans-jp'), '700Bold', 'NotoSansJP_700Bold.ttf'),
    emoji: join(packageDir('twemoji-colr-font'), 'twemoji.woff2'),
  };
}

let registered = false;

/** Registers the caption fonts once per process and returns the CSS font-family list to use. */
export function registerCaptionFonts(): string {
  if (!registered) {
    const files = captionFontFiles();
    register(files.text, CAPTION_TEXT_FAMILY);
    register(files.emoji, CAPTION_EMOJI_FAMILY);
    registered = true;
  }
  return `"${CAPTION_TEXT_FAMILY}", "${CAPTION_EMOJI_FAMILY}"`;
}

function register(path: string, family: string): void {
  if (!existsSync(path) || GlobalFonts.registerFromPath(path, family) === null) {
    throw new KirinukiError('INTERNAL', `The caption font ${path} is missing or unreadable; reinstall Kirinuki's dependencies.`);
  }
}
