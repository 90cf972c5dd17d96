import { ChatColumns } from './chat-columns.js';
import { chatItemOf, hasViewerWords, type ChatItem } from './chat-item.js';
import { CHAT_KINDS, CHAT_TONES, type ChatKind, type ChatLog, type ChatTone, type ChatTotals } from './chat-log.js';
import { chatRunsText } from './chat-runs.js';
import { classifyChatText } from './classify-chat-text.js';
import { StringIndex } from './string-index.js';
import { TextPool } from './text-pool.js';

const KIND_INDEX = Object.fromEntries(CHAT_KINDS.map((kind, i) => [kind, i])) as Record<ChatKind, number>;
const TONE_INDEX = Object.fromEntries(CHAT_TONES.map((tone, i) => [tone, i])) as Record<ChatTone, number>;
const SYSTEM_AUTHOR = -1;
/**
 * Chats repeat themselves (草, www, 8888, こんばんは): remembering the tone of the first texts seen
 * took classification from about 1 µs to 0.2 µs a message on the 3-hour bench.
 */
const MAX_REMEMBERED_TONES = 20_000;

function isReaction(tone: ChatTone): boolean {
  return tone === 'laugh' || tone === 'surprise' || tone === 'hype';
}

/** Gathers a chat's messages while its file is read, deletions included, into a ChatLog. */
export class ChatLogBuilder {
  /** Lines that held a chat action: none at all means the file is not a live chat. */
  chatLines = 0;
  readonly totals: ChatTotals = { lines: 0, deleted: 0, tickers: 0, unreadable: 0, truncated: false };
  private readonly columns = new ChatColumns();
  /** Message id → row. */
  private readonly ids = new StringIndex();
  /** Channel id → author. */
  private readonly authors = new StringIndex();
  private readonly texts = new TextPool();
  private readonly toneOfText = new Map<string, ChatTone>();
  /** Deletions whose message had not been read yet (a file out of order). */
  private readonly deletedBeforeSeen = new Set<string>();
  /** Channel → the latest time its messages were cleared (a ban or a time-out). */
  private readonly clearedUntilMs = new Map<string, number>();

  /** An `addChatItemAction.item`; repeats of a message already read are skipped. */
  addItem(item: unknown, timeMs: number): void {
    const chatItem = chatItemOf(item);
    if (!chatItem) return;
    const id = typeof chatItem.renderer.id === 'string' ? chatItem.renderer.id : undefined;
    const row = this.columns.count;
    if (id !== undefined && this.ids.getOrSet(id, row) >= 0) return;
    this.addRow(chatItem, timeMs);
    if (id !== undefined && this.deletedBeforeSeen.size > 0 && this.deletedBeforeSeen.delete(id)) {
      this.columns.remove(row);
      this.totals.deleted += 1;
    }
  }

  /** A replaceChatItemAction: the message behind a placeholder, unless the target was read already. */
  replaceItem(targetId: unknown, item: unknown, timeMs: number): void {
    if (typeof targetId === 'string' && this.ids.get(targetId) >= 0) return;
    this.addItem(item, timeMs);
  }

  /** A markChatItemAsDeletedAction. */
  deleteMessage(targetId: unknown): void {
    if (typeof targetId !== 'string') return;
    const row = this.ids.get(targetId);
    if (row < 0) this.deletedBeforeSeen.add(targetId);
    else if (this.columns.remove(row)) this.totals.deleted += 1;
  }

  /** A markChatItemsByAuthorAsDeletedAction: everything the author wrote until then goes. */
  deleteAuthor(channelId: unknown, timeMs: number): void {
    if (typeof channelId !== 'string') return;
    this.clearedUntilMs.set(channelId, Math.max(timeMs, this.clearedUntilMs.get(channelId) ?? timeMs));
  }

  countTicker(): void {
    this.totals.tickers += 1;
  }

  finish(): ChatLog {
    const untilMsByAuthor = new Map<number, number>();
    for (const [channel, untilMs] of this.clearedUntilMs) {
      const author = this.authors.get(channel);
      if (author >= 0) untilMsByAuthor.set(author, untilMs);
    }
    this.totals.deleted += this.columns.removeAuthorsUntil(untilMsByAuthor);
    const rows = this.columns.finish();
    return { ...rows, texts: this.texts.texts, authors: this.authors.size, totals: this.totals };
  }

  private addRow({ kind, renderer }: ChatItem, timeMs: number): number {
    const author = kind === 'system' ? SYSTEM_AUTHOR : this.authorOfRenderer(renderer);
    const text = hasViewerWords(kind) ? chatRunsText(renderer.message?.runs) : '';
    const tone = text === '' ? 'none' : this.toneOf(text);
    const textId = text !== '' && (isReaction(tone) || kind === 'paid') ? this.texts.idOf(text) : -1;
    return this.columns.push(timeMs, author, KIND_INDEX[kind], TONE_INDEX[tone], textId);
  }

  private toneOf(text: string): ChatTone {
    const known = this.toneOfText.get(text);
    if (known !== undefined) return known;
    const tone = classifyChatText(text);
    if (this.toneOfText.size < MAX_REMEMBERED_TONES) this.toneOfText.set(text, tone);
    return tone;
  }

  private authorOfRenderer(renderer: ChatItem['renderer']): number {
    const channel = renderer.authorExternalChannelId;
    return typeof channel === 'string' ? this.authorOf(channel) : SYSTEM_AUTHOR;
  }

  private authorOf(channelId: string): number {
    const known = this.authors.getOrSet(channelId, this.authors.size);
    return known >= 0 ? known : this.authors.size - 1;
  }
}
