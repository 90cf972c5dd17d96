import notoSansJp from '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf?url';

/**
 * Japanese titles and comments must not depend on the fonts of the machine: Noto Sans JP ships
 * with the app and is loaded only when CJK text is on screen (unicode-range), from this origin.
 */
export function installFonts(): void {
  const face = new FontFace('Kirinuki JP', `url(${notoSansJp})`, {
    unicodeRange: 'U+3000-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF',
    display: 'swap',
  });
  document.fonts.add(face);
}
