/** Lines of a yt-dlp .live_chat.json, built the way YouTube and yt-dlp shape them, for the chat tests. */

export interface Run {
  text?: string;
  emoji?: { emojiId: string; shortcuts?: string[]; searchTerms?: string[]; isCustomEmoji?: boolean; image?: unknown };
}

const photo = { thumbnails: [{ url: 'https://yt4.ggpht.example/p=s32', width: 32, height: 32 }] };

export const kusa: Run = {
  emoji: { emojiId: 'UCkiriNukiTestChannel01/kusaEmoji', shortcuts: [':_kusa:'], searchTerms: ['_kusa'], isCustomEmoji: true, image: photo },
};
export const joy: Run = { emoji: { emojiId: '😂', shortcuts: [':face_with_tears_of_joy:'], searchTerms: ['face_with_tears_of_joy'], image: photo } };
export const clap: Run = { emoji: { emojiId: '👏', shortcuts: [':clapping_hands:'], searchTerms: ['clapping_hands'], image: photo } };

function author(channel: string): Record<string, unknown> {
  return { authorName: { simpleText: `name of ${channel}` }, authorPhoto: photo, authorExternalChannelId: channel };
}

export function textItem(id: string, channel: string, runs: Run[] | string): unknown {
  const message = { runs: typeof runs === 'string' ? [{ text: runs }] : runs };
  return { liveChatTextMessageRenderer: { message, id, timestampUsec: '1700000000000000', ...author(channel), timestampText: { simpleText: '0:00' } } };
}

export function paidItem(id: string, channel: string, text?: string): unknown {
  const message = text === undefined ? {} : { message: { runs: [{ text }] } };
  return { liveChatPaidMessageRenderer: { id, ...author(channel), purchaseAmountText: { simpleText: '¥1,000' }, ...message, headerBackgroundColor: 4278239141 } };
}

export function stickerItem(id: string, channel: string): unknown {
  return { liveChatPaidStickerRenderer: { id, ...author(channel), purchaseAmountText: { simpleText: '¥200' }, sticker: { thumbnails: [] } } };
}

export function membershipItem(id: string, channel: string, milestone?: string): unknown {
  const message = milestone === undefined ? {} : { message: { runs: [{ text: milestone }] } };
  return { liveChatMembershipItemRenderer: { id, ...author(channel), headerSubtext: { runs: [{ text: 'Welcome to the channel!' }] }, ...message } };
}

export function giftPurchaseItem(id: string, channel: string): unknown {
  const header = { liveChatSponsorshipsHeaderRenderer: { ...author(channel), primaryText: { runs: [{ text: 'Gifted ' }, { text: '5' }, { text: ' memberships' }] } } };
  return { liveChatSponsorshipsGiftPurchaseAnnouncementRenderer: { id, authorExternalChannelId: channel, timestampUsec: '1700000000000000', header } };
}

export function giftRedemptionItem(id: string, channel: string): unknown {
  return { liveChatSponsorshipsGiftRedemptionAnnouncementRenderer: { id, ...author(channel), message: { runs: [{ text: 'received a gift membership by ' }, { text: 'someone', bold: true }] } } };
}

export function engagementItem(id: string): unknown {
  return { liveChatViewerEngagementMessageRenderer: { id, timestampUsec: '1700000000000000', icon: { iconType: 'YOUTUBE_ROUND' }, message: { runs: [{ text: 'Welcome to live chat! Remember to guard your privacy.' }] } } };
}

export function modeChangeItem(id: string): unknown {
  return { liveChatModeChangeMessageRenderer: { id, timestampUsec: '1700000000000000', icon: { iconType: 'SLOW_MODE' }, text: { runs: [{ text: 'Slow mode is on' }] } } };
}

export const add = (item: unknown): unknown => ({ clickTrackingParams: 'CAEQ', addChatItemAction: { item, clientId: 'c' } });
export const ticker = (id: string, channel: string): unknown => ({
  addLiveChatTickerItemAction: { item: { liveChatTickerPaidMessageItemRenderer: { id, authorExternalChannelId: channel, showItemEndpoint: { showLiveChatItemEndpoint: { renderer: paidItem(id, channel) } } } }, durationSec: '120' },
});
export const deleteMessage = (targetItemId: string): unknown => ({ markChatItemAsDeletedAction: { deletedStateMessage: { runs: [{ text: '[message deleted]' }] }, targetItemId } });
export const deleteAuthor = (externalChannelId: string): unknown => ({ markChatItemsByAuthorAsDeletedAction: { deletedStateMessage: { runs: [{ text: 'Messages removed' }] }, externalChannelId } });
export const replace = (targetItemId: string, replacementItem: unknown): unknown => ({ replaceChatItemAction: { targetItemId, replacementItem } });
export const placeholderItem = (id: string): unknown => ({ liveChatPlaceholderItemRenderer: { id, timestampUsec: '1700000000000000' } });

/** A line of a replay (the offset inside replayChatItemAction). */
export function replayLine(offsetMs: number, ...actions: unknown[]): string {
  return JSON.stringify({ clickTrackingParams: 'CAEQ', replayChatItemAction: { actions, videoOffsetTimeMsec: String(offsetMs) } });
}

/** A line yt-dlp recorded while the stream was live (the offset beside replayChatItemAction). */
export function liveLine(offsetMs: number, action: unknown): string {
  return JSON.stringify({ replayChatItemAction: { actions: [action] }, videoOffsetTimeMsec: String(offsetMs), isLive: true });
}
