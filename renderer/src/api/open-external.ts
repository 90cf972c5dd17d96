import { call } from './call';

/** The watch page of a YouTube video at a second, or null for a local video (its id is not YouTube's). */
export function youtubeUrl(videoId: string, atS = 0): string | null {
  if (!/^[A-Za-z0-9_-]{11}$/.test(videoId)) return null;
  return `https://www.youtube.com/watch?v=${videoId}&t=${Math.floor(Math.max(0, atS))}s`;
}

/**
 * Opens a link in the system browser: in a browser tab, a new tab (called straight from the
 * click, so no pop-up blocker stops it); in Electron, through the contract, which only lets
 * YouTube links out.
 */
export async function openExternalUrl(url: string): Promise<void> {
  if (window.kirinuki.host === 'browser') {
    window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  await call('openExternal', { url });
}
