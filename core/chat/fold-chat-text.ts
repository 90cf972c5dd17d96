const KATAKANA = /[\u30a1-\u30f6]/g;
/** ァ..ヶ and ぁ..ゖ are the same letters 0x60 apart. */
const KANA_OFFSET = 0x60;
const NON_ASCII = /[\u0080-\uffff]/;

function toHiragana(letter: string): string {
  return String.fromCharCode(letter.charCodeAt(0) - KANA_OFFSET);
}

/**
 * A chat text as the word lists see it: NFKC (full-width ｗ and ８ become w and 8, half-width
 * katakana full-width), lower case, katakana as hiragana (ナイス and ないす are one word).
 */
export function foldChatText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').toLowerCase().replace(KATAKANA, toHiragana);
}
