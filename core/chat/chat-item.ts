import type { ChatKind } from './chat-log.js';

/** The fields of an item's renderer the reader uses (YouTube's renderers carry many more). */
export interface ChatRenderer {
  id?: unknown;
  authorExternalChannelId?: unknown;
  message?: { runs?: unknown };
}

export interface ChatItem {
  kind: ChatKind;
  renderer: ChatRenderer;
}

const KIND_OF_RENDERER: Readonly<Record<string, ChatKind>> = {
  liveChatTextMessageRenderer: 'text',
  liveChatPaidMessageRenderer: 'paid',
  liveChatPaidStickerRenderer: 'sticker',
  liveChatMembershipItemRenderer: 'membership',
  liveChatSponsorshipsGiftPurchaseAnnouncementRenderer: 'gift',
  liveChatSponsorshipsGiftRedemptionAnnouncementRenderer: 'gift',
};

/**
 * Stands in for a message held for review until a replaceChatItemAction brings the message
 * itself (or never does): not a message.
 */
const PLACEHOLDER = 'liveChatPlaceholderItemRenderer';

/**
 * What an `addChatItemAction.item` is: its one key names the renderer. Renderers not listed
 * (viewer engagement, mode changes, polls and whatever YouTube adds next) are system messages.
 */
export function chatItemOf(item: unknown): ChatItem | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  for (const name in item) {
    const renderer = (item as Record<string, unknown>)[name];
    if (name === PLACEHOLDER || typeof renderer !== 'object' || renderer === null) return undefined;
    return { kind: KIND_OF_RENDERER[name] ?? 'system', renderer: renderer as ChatRenderer };
  }
  return undefined;
}

/** Kinds whose `message` holds the viewer's own words (a gift's or a system item's text is YouTube's). */
export function hasViewerWords(kind: ChatKind): boolean {
  return kind === 'text' || kind === 'paid' || kind === 'membership';
}
