/** Enough distinct texts for any moment's evidence; a spam wave of unique texts cannot grow past it. */
export const MAX_TEXTS = 100_000;
/** Evidence shows a message, not an essay. */
export const MAX_TEXT_LENGTH = 200;

function cut(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const end = MAX_TEXT_LENGTH - (/[\ud800-\udbff]/.test(text[MAX_TEXT_LENGTH - 1]!) ? 1 : 0);
  return text.slice(0, end);
}

/** Distinct message texts, each kept once, each cut to MAX_TEXT_LENGTH, at most MAX_TEXTS of them. */
export class TextPool {
  readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly max = MAX_TEXTS) {}

  /** The text's index, or -1 when the pool is full and the text is new. */
  idOf(text: string): number {
    const kept = cut(text);
    const known = this.ids.get(kept);
    if (known !== undefined) return known;
    if (this.texts.length >= this.max) return -1;
    const id = this.texts.length;
    this.texts.push(kept);
    this.ids.set(kept, id);
    return id;
  }
}
