import notoSansJp from '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf?url';
import notoSansJpBold from '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf?url';

/** The family of the telop preview: the bold face the exports draw telops with (core/telops/caption-fonts.ts). */
export const TELOP_FONT_FAMILY = 'Kirinuki Telop';

/**
 * Japanese titles and comments must not depend on the fonts of the machine: Noto Sans JP ships
 * with the app, from this origin, for the CJK ranges only (unicode-range).
 *
 * The face is loaded at startup, not when CJK text first appears: Chromium keeps the glyphs of
 * text it laid out while a unicode-range face was still loading as boxes, even after the face
 * arrives. The promise settles when it is loaded (or failed: the UI then falls back to the
 * system's fonts), so the first render can wait for it.
 */
export function installFonts(): Promise<void> {
  const face = new FontFace('Kirinuki JP', `url(${notoSansJp})`, {
    unicodeRange: 'U+3000-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF',
    display: 'swap',
  });
  document.fonts.add(face);
  return face.load().then(
    () => undefined,
    () => undefined,
  );
}

let telopFont: Promise<void> | null = null;

/** The telop preview's bold face, loaded the first time a preview is drawn (it is as large as the regular one). */
export function loadTelopFont(): Promise<void> {
  telopFont ??= (() => {
    const face = new FontFace(TELOP_FONT_FAMILY, `url(${notoSansJpBold})`, { weight: '700', display: 'block' });
    document.fonts.add(face);
    return face.load().then(
      () => undefined,
      () => undefined,
    );
  })();
  return telopFont;
}
