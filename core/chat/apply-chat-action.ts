import type { ChatLogBuilder } from './chat-log-builder.js';

interface RawAction {
  addChatItemAction?: { item?: unknown };
  addLiveChatTickerItemAction?: unknown;
  markChatItemAsDeletedAction?: { targetItemId?: unknown };
  markChatItemsByAuthorAsDeletedAction?: { externalChannelId?: unknown };
  replaceChatItemAction?: { targetItemId?: unknown; replacementItem?: unknown };
}

/**
 * One action of a line. Tickers repeat a super chat or membership already added as an item, so
 * they are only counted; banners, polls, tooltips and the like say nothing about the moment.
 */
export function applyChatAction(action: unknown, timeMs: number, builder: ChatLogBuilder): void {
  if (typeof action !== 'object' || action === null) return;
  const raw = action as RawAction;
  if (raw.addChatItemAction) builder.addItem(raw.addChatItemAction.item, timeMs);
  else if (raw.addLiveChatTickerItemAction) builder.countTicker();
  else if (raw.markChatItemAsDeletedAction) builder.deleteMessage(raw.markChatItemAsDeletedAction.targetItemId);
  else if (raw.markChatItemsByAuthorAsDeletedAction) builder.deleteAuthor(raw.markChatItemsByAuthorAsDeletedAction.externalChannelId, timeMs);
  else if (raw.replaceChatItemAction) builder.replaceItem(raw.replaceChatItemAction.targetItemId, raw.replaceChatItemAction.replacementItem, timeMs);
}
