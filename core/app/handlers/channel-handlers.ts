import { readChannelManifest } from '../../project/channel-manifest.js';
import { runChannelBatch, type ChannelBatchResult } from '../../pipeline/channel-batch.js';
import type { AppContext } from '../app-context.js';
import type { AppService, CallContext } from '../contract.js';
import type { ChannelView } from '../views.js';

type ChannelHandlers = Pick<AppService, 'runChannel'>;

function resultView(result: ChannelBatchResult, call: CallContext): ChannelView {
  const state = result.stopped ? (call.paused() ? 'paused' : result.stopped.code === 'CANCELLED' ? 'cancelled' : 'stopped') : 'done';
  return {
    channel: result.channel,
    state,
    videos: result.videos.map((v) => ({
      id: v.id,
      title: v.title,
      status: v.status,
      error: v.error ?? null,
      moments: v.moments ?? null,
      clips: v.clips ?? null,
    })),
    quotaSpent: result.quota.units,
    stopped: result.stopped && !(call.paused() && result.stopped.code === 'CANCELLED') ? result.stopped : null,
  };
}

/** A snapshot of `<root>/channel.json` while the batch runs, for the per-video table. */
async function liveView(root: string, current: string | undefined, spent: number): Promise<ChannelView | undefined> {
  const manifest = await readChannelManifest(root).catch(() => undefined);
  if (!manifest) return undefined;
  return {
    channel: manifest.channel,
    state: 'running',
    videos: manifest.videos.map((v) => ({
      id: v.id,
      title: v.title,
      status: v.title === current && v.status === 'pending' ? 'running' : v.status,
      error: v.error ?? null,
      moments: v.moments ?? null,
      clips: v.clips ?? null,
    })),
    quotaSpent: spent,
    stopped: null,
  };
}

export function channelHandlers(app: AppContext): ChannelHandlers {
  return {
    async runChannel({ channel, limit, momentsOnly }, call) {
      const root = await app.root();
      let snapshot = Promise.resolve();
      const result = await runChannelBatch(channel, {
        out: root,
        ...(limit !== null ? { limit } : {}),
        momentsOnly,
        apiKey: await app.settings.apiKey(),
        apiRoot: app.apiRoot,
        // the guidelines profile Settings chose for the channel, once it is resolved
        guidelinesFor: (resolved) => app.settings.channelGuidelines({ channelId: resolved.id, channelTitle: resolved.title }),
        signal: call.signal,
        onProgress: (p) => {
          if (p.stage !== 'channel') return;
          snapshot = snapshot.then(async () => {
            const spent = (await readChannelManifest(root).catch(() => undefined))?.runs.at(-1)?.quotaUnits ?? 0;
            const view = await liveView(root, p.message, spent);
            call.onProgress({ stage: 'channel', fraction: p.fraction, message: p.message, ...(view ? { channel: view } : {}) });
          });
        },
      });
      await snapshot;
      return resultView(result, call);
    },
  };
}
