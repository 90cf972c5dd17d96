import type { Moment } from '../moments/types.js';
import { escapeHtml as h, relativeHref } from './escape-html.js';
import type { ReportClip, ReportData, ReportPerson, ReportVideo } from './report-data.js';

const COMMENTS_PER_MOMENT = 5;

const STYLE = `
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#111318;color:#e6e8ee}
header{padding:24px 32px;border-bottom:1px solid #2a2e38}
h1{margin:0;font-size:24px}h2{margin:0 0 4px;font-size:19px}h3{margin:16px 0 6px;font-size:15px;color:#aab}
main{padding:16px 32px;max-width:1100px}
.video{border:1px solid #2a2e38;border-radius:8px;padding:16px 20px;margin:16px 0;background:#181b22}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;text-transform:uppercase}
.done{background:#1f5135}.failed{background:#6b2222}.skipped{background:#4a4a2a}.pending{background:#2d3a55}
.meta{color:#99a}.error{color:#ff9c9c}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;vertical-align:top;border-bottom:1px solid #262a33}
th{color:#99a;font-weight:600}td:nth-child(2){white-space:nowrap}
ul.comments{margin:0;padding-left:18px}ul.comments li{color:#cfd3dc}
.likes{color:#99a;font-size:12px}
.people{display:flex;flex-wrap:wrap;gap:12px}
.person{width:110px;text-align:center;font-size:13px}
.person img{width:96px;height:96px;object-fit:cover;border-radius:50%;background:#2a2e38;display:block;margin:0 auto 4px}
a{color:#8ab4ff}
`;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function imageSrc(thumbnail: string): string {
  return thumbnail.startsWith('data:image/') ? thumbnail : relativeHref(thumbnail);
}

function watchUrl(videoId: string, t: number): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&t=${Math.floor(t)}s`;
}

function renderMoment(videoId: string, moment: Moment): string {
  const comments = moment.comments
    .slice(0, COMMENTS_PER_MOMENT)
    .map((c) => `<li>${h(c.text)} <span class="likes">♥ ${c.likes} · ${clock(c.t)}</span></li>`)
    .join('');
  return `<tr><td>${moment.rank}</td>
<td><a href="${h(watchUrl(videoId, moment.start))}" rel="noreferrer">${clock(moment.start)}–${clock(moment.end)}</a></td>
<td>${moment.mentions}</td><td>${moment.score.toFixed(1)}</td>
<td><ul class="comments">${comments}</ul></td></tr>`;
}

function renderMoments(video: ReportVideo): string {
  if (video.moments.length === 0) return '';
  const rows = video.moments.map((m) => renderMoment(video.id, m)).join('\n');
  return `<h3>Moments</h3><table><thead><tr><th>#</th><th>Window</th><th>Mentions</th><th>Score</th><th>Backing comments</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function renderPerson(person: ReportPerson): string {
  const label = person.name ?? person.id;
  const image = person.thumbnail ? `<img src="${h(imageSrc(person.thumbnail))}" alt="${h(label)}">` : '';
  return `<div class="person">${image}${h(label)}<br><span class="meta">${person.totalS.toFixed(1)} s on screen</span></div>`;
}

function renderPeople(people: ReportPerson[]): string {
  if (people.length === 0) return '';
  return `<h3>People</h3><div class="people">${people.map(renderPerson).join('')}</div>`;
}

function renderClip(clip: ReportClip): string {
  const name = clip.path.split(/[\\/]/).pop() ?? clip.path;
  const who = clip.person ? ` · ${h(clip.person)}` : '';
  return `<li><a href="${h(relativeHref(clip.path))}">${h(name)}</a> <span class="meta">moment ${clip.moment}${who} · ${clip.durationS.toFixed(1)} s</span></li>`;
}

function renderClips(clips: ReportClip[]): string {
  if (clips.length === 0) return '';
  return `<h3>Clips</h3><ul>${clips.map(renderClip).join('')}</ul>`;
}

function renderVideo(video: ReportVideo): string {
  const status = `<span class="status ${h(video.status)}">${h(video.status)}</span>`;
  const error = video.error ? `<p class="error">${h(video.error.code)}: ${h(video.error.message)}</p>` : '';
  const reason = video.reason ? `<p class="meta">${h(video.reason)}</p>` : '';
  const duration = video.durationS === undefined ? '' : ` · ${clock(video.durationS)}`;
  return `<section class="video" id="v-${h(video.id)}">
<h2>${h(video.title)}</h2>
<p class="meta">${status} <a href="${h(watchUrl(video.id, 0))}" rel="noreferrer">${h(video.id)}</a>${duration}</p>
${error}${reason}${renderMoments(video)}${renderPeople(video.people)}${renderClips(video.clips)}
</section>`;
}

/** A self-contained report page: inline CSS, no scripts, every untrusted text escaped. */
export function renderReport(data: ReportData): string {
  const counts = ['done', 'failed', 'skipped', 'pending']
    .map((s) => `${data.videos.filter((v) => v.status === s).length} ${s}`)
    .join(' · ');
  const quota = data.quota ? ` · last run: ${data.quota.units} quota units, ${data.quota.requests} requests` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: file:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(data.channel.title)} — Kirinuki report</title>
<style>${STYLE}</style></head>
<body><header><h1>${h(data.channel.title)}</h1>
<p class="meta">${h(data.channel.id)} · ${data.videos.length} videos: ${counts}${quota} · generated ${h(data.generatedAt)}</p>
${data.stopped ? `<p class="error">The last run stopped early: ${h(data.stopped.code)}: ${h(data.stopped.message)} Run it again to continue.</p>` : ''}</header>
<main>
${data.videos.map(renderVideo).join('\n')}
</main></body></html>
`;
}
