/** One piece of a message as YouTube sends it: a text, or an emoji (a standard one or the channel's own). */
export interface ChatRun {
  text?: string;
  emoji?: {
    emojiId?: string;
    shortcuts?: string[];
    searchTerms?: string[];
    isCustomEmoji?: boolean;
  };
}

/** Standard emoji ids are the emoji themselves; a custom one's id is a channel path such as `UCx…/abc`. */
const LATIN_LETTER = /[A-Za-z]/;

function emojiText(emoji: NonNullable<ChatRun['emoji']>): string {
  const id = emoji.emojiId ?? '';
  const custom = emoji.isCustomEmoji === true || id === '' || LATIN_LETTER.test(id);
  if (!custom) return id;
  // a custom emoji's meaning is in its shortcut (`:_kusa:`), not in its image
  const shortcut = emoji.shortcuts?.[0];
  if (shortcut) return shortcut;
  const term = emoji.searchTerms?.[0];
  return term ? `:${term}:` : '';
}

/** A message's text: its texts as they are, a custom emoji as its shortcut, a standard emoji as its character. */
export function chatRunsText(runs: unknown): string {
  if (!Array.isArray(runs)) return '';
  let text = '';
  for (const run of runs as ChatRun[]) {
    if (typeof run?.text === 'string') text += run.text;
    else if (run?.emoji) text += emojiText(run.emoji);
  }
  return text;
}
