import type { youtube_v3 } from '@googleapis/youtube';
import { KirinukiError } from '../errors.js';
import { callApi } from './call-api.js';
import type { ChannelRef } from './parse-source.js';
import type { QuotaMeter } from './quota-meter.js';

export interface ChannelInfo {
  id: string;
  title: string;
  /** `contentDetails.relatedPlaylists.uploads`: every public upload, newest first. */
  uploadsPlaylistId: string;
}

export interface ChannelApiOptions {
  client: youtube_v3.Youtube;
  quota: QuotaMeter;
  signal?: AbortSignal;
}

function lookupParams(by: ChannelRef, value: string): youtube_v3.Params$Resource$Channels$List {
  const part = ['snippet', 'contentDetails'];
  if (by === 'id') return { part, id: [value] };
  if (by === 'user') return { part, forUsername: value };
  // channels.list cannot look up legacy /c/ custom URLs; most of them equal the channel's handle
  return { part, forHandle: value.startsWith('@') ? value : `@${value}` };
}

function describe(by: ChannelRef, value: string): string {
  if (by === 'id') return `channel ${value}`;
  if (by === 'handle') return `channel ${value}`;
  return `channel /${by === 'user' ? 'user' : 'c'}/${value}`;
}

/** One channels.list call (1 quota unit): the channel's id, title and uploads playlist. */
export async function resolveChannel(by: ChannelRef, value: string, options: ChannelApiOptions): Promise<ChannelInfo> {
  const subject = describe(by, value);
  const data = await callApi<youtube_v3.Schema$ChannelListResponse>(
    (signal) => options.client.channels.list(lookupParams(by, value), { signal }),
    { method: 'channels.list', quota: options.quota, signal: options.signal, subject, notFoundCode: 'CHANNEL_NOT_FOUND' },
  );
  const channel = data.items?.[0];
  if (!channel?.id) throw new KirinukiError('CHANNEL_NOT_FOUND', `YouTube has no ${subject}.`);
  const uploadsPlaylistId = channel.contentDetails?.relatedPlaylists?.uploads;
  if (!uploadsPlaylistId) {
    throw new KirinukiError('CHANNEL_NOT_FOUND', `The ${subject} has no uploads playlist.`);
  }
  return { id: channel.id, title: channel.snippet?.title ?? channel.id, uploadsPlaylistId };
}
