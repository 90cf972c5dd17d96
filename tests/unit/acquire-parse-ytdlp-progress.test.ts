import { describe, expect, it } from 'vitest';
import { findYtDlp } from '../../core/acquire/find-ytdlp.js';
import { parseYtDlpLine, splitOutputLines } from '../../core/acquire/parse-ytdlp-progress.js';
import { locateWindow, planSections, wholeFile } from '../../core/acquire/video-sections.js';

describe('parseYtDlpLine', () => {
  it.each([
    ['[download] Destination: /tmp/x/section-1.0-2.5.mp4', { kind: 'destination', path: '/tmp/x/section-1.0-2.5.mp4' }],
    ['[Merger] Merging formats into "/tmp/x/source.mp4"', { kind: 'destination', path: '/tmp/x/source.mp4' }],
    ['[download]  45.2% of   10.00MiB at    1.00MiB/s ETA 00:05', { kind: 'percent', fraction: 0.452 }],
    ['[download]   3.0% of ~  20.11MiB at  2.04MiB/s ETA 00:09 (frag 1/40)', { kind: 'percent', fraction: 0.03 }],
    ['[download] 100% of  138.41KiB in 00:00:00 at 5.00MiB/s', { kind: 'percent', fraction: 1 }],
    ['frame=   67 fps=0.0 q=-1.0 Lsize=     138kB time=00:00:01.99 bitrate= 569.2kbits/s speed=1.99e+03x    ', { kind: 'ffmpeg-time', seconds: 1.99 }],
    ['size=    1024kB time=01:02:03.50 bitrate=1000.0kbits/s speed=2x', { kind: 'ffmpeg-time', seconds: 3723.5 }],
    ['frame=    0 fps=0.0 q=0.0 size=       0kB time=-577014:32:22.77 bitrate=  -0.0kbits/s', { kind: 'ffmpeg-time', seconds: 0 }],
    ['ERROR: [generic] Unable to download webpage: HTTP Error 404: Not Found', { kind: 'error', message: '[generic] Unable to download webpage: HTTP Error 404: Not Found' }],
  ])('%s', (line, expected) => {
    const event = parseYtDlpLine(line);
    if (expected.kind === 'percent' && event?.kind === 'percent') expect(event.fraction).toBeCloseTo((expected as { fraction: number }).fraction, 6);
    else expect(event).toEqual(expected);
  });

  it.each(['[generic] Extracting URL: http://127.0.0.1/x.mp4', '[info] x: Downloading 1 time ranges: 3.0-5.0', '  Duration: 00:00:10.05, start: 0.000000, bitrate: 410 kb/s', ''])(
    'says nothing for %j',
    (line) => {
      expect(parseYtDlpLine(line)).toBeUndefined();
    },
  );

  it('splits ffmpeg status lines redrawn with \\r', () => {
    expect(splitOutputLines('a\rb\nc\r\nd')).toEqual({ lines: ['a', 'b', 'c'], rest: 'd' });
  });
});

describe('findYtDlp', () => {
  it('is YTDLP_MISSING saying how to install it when it is not on PATH', () => {
    expect(() => findYtDlp({ PATH: '/nonexistent-dir' })).toThrow(expect.objectContaining({ code: 'YTDLP_MISSING', message: expect.stringContaining('apt-get install yt-dlp') }));
    expect(() => findYtDlp({ KIRINUKI_YTDLP: '/nonexistent/yt-dlp' })).toThrow(expect.objectContaining({ code: 'YTDLP_MISSING', message: expect.stringContaining('KIRINUKI_YTDLP') }));
  });

  it('finds the system yt-dlp on PATH', () => {
    expect(findYtDlp({ PATH: '/nonexistent-dir:/usr/bin' })).toBe('/usr/bin/yt-dlp');
  });
});

describe('planSections / locateWindow', () => {
  it('widens windows by the margin, clamps, merges overlaps, sorts', () => {
    expect(planSections([{ start: 100, end: 110 }, { start: 2, end: 10 }, { start: 112, end: 120 }], 118, 5)).toEqual([
      { start: 0, end: 15 },
      { start: 95, end: 118 },
    ]);
  });

  it('treats an unknown duration (0) as no limit', () => {
    expect(planSections([{ start: 10, end: 20 }], 0, 5)).toEqual([{ start: 5, end: 25 }]);
  });

  it('maps a window into the section file that holds it', () => {
    const video = { origin: 'download-sections' as const, sections: [{ path: 'a.mp4', start: 0, end: 15 }, { path: 'b.mp4', start: 95, end: 118 }] };
    expect(locateWindow(video, { start: 100, end: 110 })).toEqual({ path: 'b.mp4', start: 5, end: 15 });
    expect(() => locateWindow(video, { start: 14, end: 20 })).toThrow(/No downloaded section/);
    expect(locateWindow(wholeFile('/v.mp4'), { start: 3, end: 9 })).toEqual({ path: '/v.mp4', start: 3, end: 9 });
  });
});
