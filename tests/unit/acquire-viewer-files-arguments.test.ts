import { describe, expect, it } from 'vitest';
import { covers } from '../../core/acquire/fetch-viewer-files.js';
import { parseSourcesLine, subtitleLanguage } from '../../core/acquire/parse-ytdlp-sources-line.js';
import { checkSubsLang, viewerFilesArguments } from '../../core/acquire/viewer-files-arguments.js';
import { ytDlpFailure } from '../../core/acquire/ytdlp-failure.js';

const URL = 'https://www.youtube.com/watch?v=dQ4wT9xYz0A';

describe('viewerFilesArguments', () => {
  it("asks ONE call for the info JSON, the chat replay, the uploader's Japanese subtitles, the original-language auto-captions and the top comments, without the video", () => {
    expect(viewerFilesArguments(URL, '/p/work', { chat: true, captions: true, maxComments: 500 })).toEqual([
      '--ignore-config', '--no-playlist', '--newline', '--no-colors',
      '--skip-download', '--write-info-json', '--match-filter', '!is_live',
      '--write-subs', '--write-auto-subs', '--sub-format', 'json3/best', '--sub-langs', 'live_chat,.+-orig,ja',
      '--write-comments', '--extractor-args', 'youtube:comment_sort=top;max_comments=500',
      '-o', '/p/work/%(id)s.%(ext)s', '--', URL,
    ]);
  });

  it('leaves out what is not wanted: no comments with an API key, no chat or captions when --signals drops them', () => {
    const infoOnly = viewerFilesArguments(URL, '/w', { chat: false, captions: false });
    expect(infoOnly).toEqual(['--ignore-config', '--no-playlist', '--newline', '--no-colors', '--skip-download', '--write-info-json', '--match-filter', '!is_live', '-o', '/w/%(id)s.%(ext)s', '--', URL]);
    const chatOnly = viewerFilesArguments(URL, '/w', { chat: true, captions: false });
    expect(chatOnly).toContain('--write-subs');
    expect(chatOnly).not.toContain('--write-auto-subs');
    expect(chatOnly[chatOnly.indexOf('--sub-langs') + 1]).toBe('live_chat');
    const captionsOnly = viewerFilesArguments(URL, '/w', { chat: false, captions: true });
    // the uploader's track is one of the `subtitles`, the -orig track one of the `automatic_captions`
    expect(captionsOnly).toContain('--write-subs');
    expect(captionsOnly).toContain('--write-auto-subs');
    expect(captionsOnly[captionsOnly.indexOf('--sub-langs') + 1]).toBe('.+-orig,ja');
    expect(infoOnly).not.toContain('--write-comments');
  });

  it('never asks for a pattern that would pull every machine translation', () => {
    // yt-dlp matches each entry (re.I, whole code) against ONE table of the uploader's tracks and
    // the auto-captions, where every translation is a plain code like the uploader's (`en`, `ko`, `zh-Hans`)
    const codes = ['live_chat', 'ja', 'ja-orig', 'en', 'ko', 'zh-Hans', 'zh-Hant', 'fr', 'en-ja', 'ko-ja', 'pt-BR'];
    for (const request of [{ chat: true, captions: true }, { chat: true, captions: true, subsLang: 'en' }, { chat: false, captions: true, subsLang: 'pt-BR' }]) {
      const args = viewerFilesArguments(URL, '/w', request);
      const entries = (args[args.indexOf('--sub-langs') + 1] ?? '').split(',');
      const matched = codes.filter((code) => entries.some((entry) => new RegExp(`^(?:${entry})$`, 'i').test(code)));
      expect(matched.filter((c) => c !== 'live_chat').length, JSON.stringify(request)).toBeLessThanOrEqual(2);
    }
  });

  it('--subs-lang asks for that language alone (the uploader\'s track, else the auto-captions in it), not the -orig track', () => {
    const args = viewerFilesArguments(URL, '/w', { chat: true, captions: true, subsLang: 'en' });
    expect(args[args.indexOf('--sub-langs') + 1]).toBe('live_chat,en');
    expect(args).toContain('--write-subs');
    expect(args).toContain('--write-auto-subs');
    const captionsOnly = viewerFilesArguments(URL, '/w', { chat: false, captions: true, subsLang: 'zh-Hans' });
    expect(captionsOnly[captionsOnly.indexOf('--sub-langs') + 1]).toBe('zh-Hans');
    // no captions wanted: the language changes nothing
    expect(viewerFilesArguments(URL, '/w', { chat: true, captions: false, subsLang: 'en' })).toEqual(viewerFilesArguments(URL, '/w', { chat: true, captions: false }));
  });

  it('puts the URL after "--", so a URL can never be read as an option', () => {
    const args = viewerFilesArguments('-rf', '/w', { chat: true, captions: true });
    expect(args.slice(-2)).toEqual(['--', '-rf']);
  });
});

describe('checkSubsLang', () => {
  it.each(['ja', 'en', 'pt-BR', 'zh-Hans', 'es-419', 'ja-orig', 'JA', 'abcdefghij0123456789'])('takes %s', (lang) => {
    expect(checkSubsLang(lang)).toBe(lang);
  });

  it.each(['', 'all', 'ALL', '.+', 'en.*', '-ja', 'ja-', 'en,ja', 'live_chat', 'ja orig', 'abcdefghij0123456789x', 'en/ja'])('refuses %j as INVALID_ARGUMENT naming the flag', (lang) => {
    expect(() => checkSubsLang(lang)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^--subs-lang takes a language tag/) }));
  });

  it('leaves an absent flag absent, and the arguments refuse a bad language too', () => {
    expect(checkSubsLang(undefined)).toBeUndefined();
    expect(() => viewerFilesArguments(URL, '/w', { chat: false, captions: true, subsLang: '.+' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('parseSourcesLine (yt-dlp 2023.03.04 output)', () => {
  it.each([
    ['[youtube] Downloading ~450 comments', { kind: 'comments-total', total: 450 }],
    ['[youtube] Downloading comment API JSON page 3 (60/450)', { kind: 'comments-page', done: 60, total: 450 }],
    ['[youtube]     Downloading comment API JSON reply thread 2 (41/450)', { kind: 'comments-page', done: 41, total: 450 }],
    ['[youtube]        Downloading comment replies API JSON page 1 (45/450)', { kind: 'comments-page', done: 45, total: 450 }],
    ['[youtube] Extracted 450 comments', { kind: 'comments-done', count: 450 }],
    ['[info] Writing video subtitles to: /p/.w/ChatDevFix1.live_chat.json', { kind: 'subtitle', path: '/p/.w/ChatDevFix1.live_chat.json', language: 'live_chat' }],
    ['[info] Writing video subtitles to: /p/w/abc.ja-orig.json3', { kind: 'subtitle', path: '/p/w/abc.ja-orig.json3', language: 'ja-orig' }],
    ['[download]    1.20MiB at  300.00KiB/s (00:00:04) (frag 12)', { kind: 'fragment', index: 12, bytes: 1258291 }],
    ['[download]  Unknown B at Unknown B/s (00:00:01) (frag 1)', { kind: 'fragment', index: 1 }],
    ['[info] Writing video metadata as JSON to: /p/w/abc.info.json', { kind: 'info-json', path: '/p/w/abc.info.json' }],
    ['ERROR: [youtube] abc: Video unavailable', { kind: 'error', message: '[youtube] abc: Video unavailable' }],
  ])('%s', (line, event) => {
    expect(parseSourcesLine(line)).toEqual(event);
  });

  it.each(['[youtube] Sorting comments by top comments', '[youtube_live_chat] Downloading live chat', '[info] abc: Downloading 1 format(s): 22', ''])('says nothing for %j', (line) => {
    expect(parseSourcesLine(line)).toBeUndefined();
  });

  it('reads the language from a subtitle file name', () => {
    expect(subtitleLanguage('/a/b/Title. With dots [abc].en-US.vtt')).toBe('en-US');
  });
});

describe('ytDlpFailure', () => {
  it.each([
    ['[youtube] abc: Join this channel to get access to members-only content like this video, and other exclusive perks.', 'VIDEO_UNAVAILABLE', 'members only'],
    ["[youtube] abc: This video is available to this channel's members on level: Gold (or any higher level). Join this channel to get access to members-only content and other exclusive perks.", 'VIDEO_UNAVAILABLE', 'members only'],
    ["[youtube] abc: Private video. Sign in if you've been granted access to this video", 'VIDEO_UNAVAILABLE', 'private'],
    ['[youtube] abc: Video unavailable', 'VIDEO_UNAVAILABLE', 'unavailable'],
    ['[youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users.', 'VIDEO_UNAVAILABLE', 'age-restricted'],
    ["[youtube] abc: Unable to download API page: <urlopen error [Errno -2] Name or service not known> (caused by URLError(gaierror(-2, 'Name or service not known')))", 'NETWORK', 'internet connection'],
    ['[youtube] abc: Unable to download webpage: HTTP Error 503: Service Unavailable', 'NETWORK', 'internet connection'],
  ])('%s → %s', (line, code, words) => {
    const error = ytDlpFailure(URL, 1, [line], []);
    expect(error.code).toBe(code);
    expect(error.message.startsWith(URL), 'the sentence names the URL first').toBe(true);
    expect(error.message).toContain(words);
    expect(error.message).toContain(`(yt-dlp: ${line})`);
  });

  it('is DOWNLOAD_FAILED with the last lines when yt-dlp says nothing known', () => {
    const error = ytDlpFailure(URL, 2, [], ['Traceback (most recent call last):', 'KeyError: x']);
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('update yt-dlp');
    expect(error.message).toContain('KeyError: x');
  });
});

describe('covers: when the files in the project serve a new request', () => {
  it('needs each part asked for, and enough comments unless the video had fewer', () => {
    const all = { chat: true, captions: true, maxComments: 100 };
    expect(covers(all, 100, { chat: true, captions: false })).toBe(true);
    expect(covers({ chat: false, captions: true }, undefined, { chat: true, captions: true })).toBe(false);
    expect(covers({ chat: true, captions: true }, undefined, { chat: true, captions: true, maxComments: 10 })).toBe(false);
    expect(covers(all, 100, { chat: true, captions: true, maxComments: 50 })).toBe(true);
    expect(covers(all, 100, { chat: true, captions: true, maxComments: 500 })).toBe(false);
    expect(covers(all, 37, { chat: true, captions: true, maxComments: 500 })).toBe(true);
  });

  it('captions fetched for one --subs-lang (or none) do not serve another; the chat alone does not care', () => {
    const ja = { chat: true, captions: true };
    const en = { chat: true, captions: true, subsLang: 'en' };
    expect(covers(ja, undefined, en)).toBe(false);
    expect(covers(en, undefined, ja)).toBe(false);
    expect(covers(en, undefined, { chat: true, captions: true, subsLang: 'EN' })).toBe(true);
    expect(covers(en, undefined, { chat: true, captions: true, subsLang: 'ko' })).toBe(false);
    expect(covers(en, undefined, { chat: true, captions: false })).toBe(true);
    expect(covers({ chat: true, captions: false }, undefined, { chat: true, captions: false, subsLang: 'en' })).toBe(true);
  });
});
