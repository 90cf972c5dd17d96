import { describe, expect, it } from 'vitest';
import { renderReport } from '../../core/report/render-report.js';
import { escapeHtml, relativeHref } from '../../core/report/escape-html.js';

describe('report.html', () => {
  const html = renderReport({
    channel: { id: 'UCx', title: 'Ch <script>alert(1)</script>' },
    generatedAt: '2026-12-01T00:00:00Z',
    quota: { units: 12, requests: 12 },
    videos: [
      {
        id: 'vid"onmouse',
        title: '"><img src=x onerror=alert(1)> 歌枠',
        status: 'done',
        durationS: 905,
        moments: [
          { rank: 1, start: 298, end: 320, peak: 301, score: 9.5, mentions: 2, comments: [{ id: 'c1', text: '5:01 <b>lol</b> & more', likes: 3, t: 301 }] },
        ],
        people: [{ id: 'person-1', name: 'Member <A>', totalS: 12.3, thumbnail: 'vid1/faces/id 1.jpg' }],
        clips: [{ path: 'vid1/clips/01 shorts [x].mp4', moment: 1, person: null, durationS: 22 }],
      },
      { id: 'vid2', title: 'off', status: 'failed', error: { code: 'COMMENTS_DISABLED', message: 'Comments are disabled for video vid2.' }, moments: [], people: [], clips: [] },
    ],
  });

  it('escapes every untrusted text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>lol');
    expect(html).toContain('&lt;b&gt;lol&lt;/b&gt; &amp; more');
    expect(html).toContain('Member &lt;A&gt;');
    expect(html).toContain('id="v-vid&quot;onmouse"');
  });

  it('is self-contained: inline style, no script, relative links', () => {
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).not.toMatch(/<script|<link /);
    expect(html).toContain('src="vid1/faces/id%201.jpg"');
    expect(html).toContain('href="vid1/clips/01%20shorts%20%5Bx%5D.mp4"');
    expect(html).toContain('5:01');
    expect(html).toContain('4:58–5:20');
    expect(html).toContain('COMMENTS_DISABLED');
    expect(html).toContain('1 done · 1 failed');
  });

  it('never lets a path climb out of the projects root', () => {
    expect(relativeHref('../../etc/passwd')).toBe('etc/passwd');
    expect(escapeHtml(`'"<>&\``)).toBe('&#39;&quot;&lt;&gt;&amp;&#96;');
  });
});
