import { KirinukiError } from '../../errors.js';
import { openInSystemBrowser } from '../../publish/open-browser.js';
import { DEFAULT_DAILY_QUOTA, planPublish, publishClips } from '../../publish/publish-clips.js';
import { resolvePublishEndpoints } from '../../publish/publish-endpoints.js';
import { parsePublishSettings } from '../../publish/publish-settings.js';
import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';
import { resolveProjectMedia } from '../project-media.js';
import { publishedView } from '../published-view.js';
import { publishAuth, saveOAuthClient, signInToYoutube, youtubeAccountView } from '../youtube-account.js';

type PublishHandlers = Pick<AppService, 'getYoutubeAccount' | 'saveYoutubeAccount' | 'planPublish' | 'publishClip'>;

const SIGN_IN_HINT = 'press Publish again to sign in through the browser';

export function publishHandlers(app: AppContext): PublishHandlers {
  const account = app.youtubeAccount;
  const env = account.env ?? process.env;
  return {
    getYoutubeAccount: () => youtubeAccountView(account),

    async saveYoutubeAccount({ clientId, clientSecret, signOut }) {
      if (clientId !== undefined && clientSecret !== undefined) await saveOAuthClient(account, clientId, clientSecret);
      if (signOut) await account.tokens.write(null);
      return youtubeAccountView(account);
    },

    async planPublish({ file }) {
      const plan = await planPublish(await resolveProjectMedia(await app.root(), file));
      const [clip] = plan.clips;
      const signedIn = (await account.tokens.read()) !== null;
      return {
        title: clip?.title ?? '',
        quotaUnits: plan.quotaUnits,
        dailyQuota: DEFAULT_DAILY_QUOTA,
        resuming: clip?.resuming ?? false,
        signedIn,
        published: clip?.published ? publishedView(clip.published, true) : null,
      };
    },

    async publishClip(args, call) {
      const path = await resolveProjectMedia(await app.root(), args.file);
      const settings = parsePublishSettings({ privacy: args.privacy, at: args.at, madeForKids: args.madeForKids });
      const endpoints = resolvePublishEndpoints(env);
      const plan = await planPublish(path);
      if (plan.clips.some((c) => !c.published) && (await account.tokens.read()) === null) {
        call.onProgress({ stage: 'sign-in', fraction: 0, message: 'Sign in to YouTube in the browser window that opened' });
        await signInToYoutube(account, { endpoints, openUrl: (url) => openInSystemBrowser(url, env), signal: call.signal });
      }
      try {
        const result = await publishClips(plan, {
          settings,
          auth: publishAuth(account, SIGN_IN_HINT),
          endpoints,
          signal: call.signal,
          onProgress: (p) => call.onProgress({ stage: 'publish', fraction: p.fraction, message: 'Uploading to YouTube' }),
        });
        const [clip] = result.clips;
        if (!clip) throw new KirinukiError('INTERNAL', `Publishing ${path} gave no result for the clip: export it again and publish once more.`);
        return publishedView(clip, clip.alreadyPublished);
      } catch (error) {
        // a sign-in Google no longer accepts is forgotten, so the next Publish signs in afresh
        if ((error as { code?: unknown }).code === 'AUTH_REQUIRED') await account.tokens.write(null);
        throw error;
      }
    },
  };
}
