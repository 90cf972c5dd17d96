const YOUTUBE_HOSTS = /^(?:(?:www|m|music)\.)?youtube\.com$|^youtu\.be$/;

/** Only https YouTube pages may leave the app for the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && YOUTUBE_HOSTS.test(parsed.hostname) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
