#!/usr/bin/env node
// A stand-in for yt-dlp 2023.03.04 (Debian's) in the one call Kirinuki makes for a video's viewer
// files: it CHECKS the arguments (anything unexpected is exit 2 with the reason on stderr), writes
// recorded fixtures under the names yt-dlp gives them with `-o DIR/TEMPLATE`, and prints the
// lines yt-dlp prints. The live chat grows in DIR/<name>.live_chat.json.part, then is renamed.
//
// Environment:
//   FAKE_YTDLP_FIXTURES  folder holding youtube/ and captions/ (../shared/fixtures)
//   FAKE_YTDLP_CALLS     a file that gets one line (the arguments as JSON) per call
//   FAKE_YTDLP_PIDFILE   a file that gets this process's pid
//   FAKE_YTDLP_MODE      ok (default) | no-chat | no-captions | auto-captions-only |
//                        comments-disabled | members-only | private | network | hang | live
//
// Subtitles as yt-dlp 2023.03.04 picks them: the uploader's tracks (`subtitles`, where the chat
// `live_chat` is too) and YouTube's auto-captions (`automatic_captions`: `<spoken>-orig`, and every
// translation language, the spoken one untranslated; `<to>-<from>` translations of the uploader's
// tracks) merge into one table, the uploader's winning a shared code, and every --sub-langs entry
// is a case-insensitive regular expression matched against whole codes. dQ4wT9xYz0A is spoken in
// Japanese and its uploader added Japanese subtitles (`ja`; none in auto-captions-only mode); the
// recorded captions stand in for every track, a translation included.
//   FAKE_YTDLP_DELAY_MS  pause between chat fragments (default 2)
//   FAKE_YTDLP_UNKNOWN   upload: a video id with no recorded fixture is an ordinary upload (an
//                        info JSON with its id, no chat, no captions, no comments) instead of
//                        "Video unavailable" (the test suite's default, see tests/setup/)
//   FAKE_YTDLP_AVAILABILITY  the info JSON's `availability` (subscriber_only, premium_only, …), as
//                        yt-dlp writes it for a members-only video when it has the member's cookies
//   FAKE_YTDLP_REAL      the real yt-dlp: a call that is not the viewer-files one (a download
//                        from a loopback server) is handed to it unchanged
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const env = process.env;
const MODE = env.FAKE_YTDLP_MODE ?? 'ok';
const DELAY_MS = Number(env.FAKE_YTDLP_DELAY_MS ?? 2);

if (env.FAKE_YTDLP_CALLS) appendFileSync(env.FAKE_YTDLP_CALLS, `${JSON.stringify(args)}\n`);
if (env.FAKE_YTDLP_PIDFILE) writeFileSync(env.FAKE_YTDLP_PIDFILE, String(process.pid));

function refuse(why) {
  process.stderr.write(`fake-ytdlp: unexpected arguments: ${why}\n  got: ${JSON.stringify(args)}\n`);
  process.exit(2);
}

if (env.FAKE_YTDLP_REAL && !args.includes('--skip-download')) {
  const real = spawn(env.FAKE_YTDLP_REAL, args, { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => real.kill(signal));
  real.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => undefined);
}

if (args.length === 1 && args[0] === '--version') {
  process.stdout.write('2023.03.04\n');
  process.exit(0);
}

// ---- the arguments ------------------------------------------------------------------------
const FLAGS = new Set(['--ignore-config', '--no-playlist', '--newline', '--no-colors', '--skip-download', '--write-info-json', '--write-subs', '--write-auto-subs', '--write-comments']);
const VALUED = new Set(['--sub-format', '--sub-langs', '--extractor-args', '--match-filter', '-o']);
const seen = new Set();
const values = {};
let url;
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (arg === '--') {
    if (args.length !== i + 2) refuse('exactly one URL must follow "--"');
    url = args[i + 1];
    break;
  }
  if (seen.has(arg)) refuse(`${arg} given twice`);
  seen.add(arg);
  if (FLAGS.has(arg)) continue;
  if (VALUED.has(arg)) {
    if (i + 1 >= args.length) refuse(`${arg} needs a value`);
    values[arg] = args[(i += 1)];
    continue;
  }
  refuse(`unknown option ${arg} (this fake knows only the viewer-files call)`);
}
for (const required of ['--ignore-config', '--no-playlist', '--newline', '--skip-download', '--write-info-json']) {
  if (!seen.has(required)) refuse(`missing ${required}`);
}
if (values['--match-filter'] !== '!is_live') refuse(`--match-filter must be !is_live (a live stream's chat never ends), got ${values['--match-filter']}`);
if (url === undefined) refuse('no "-- URL" at the end');
const idMatch = /^https:\/\/www\.youtube\.com\/watch\?v=([A-Za-z0-9_-]{11})$/.exec(url);
if (!idMatch) refuse(`the URL must be https://www.youtube.com/watch?v=<11-character id>, got ${url}`);
const id = idMatch[1];
const output = values['-o'];
if (!output || !isAbsolute(output)) refuse(`-o must be an absolute template (folder and name), got ${output}`);
const dir = dirname(output);
const template = basename(output);
if (!existsSync(dir)) refuse(`-o must name an existing folder, got ${dir}`);
if (!template.includes('%(id)s') || !template.endsWith('.%(ext)s')) refuse(`-o must name the file by %(id)s and end in .%(ext)s, got ${template}`);

const langs = values['--sub-langs'] === undefined ? [] : values['--sub-langs'].split(',');
// a plain language tag; `all` (every track) or a leading "-" (exclude) would be yt-dlp syntax
const TAG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,18}[A-Za-z0-9])?$/;
for (const lang of langs) {
  if (lang !== 'live_chat' && lang !== '.+-orig' && (!TAG.test(lang) || lang.toLowerCase() === 'all')) {
    refuse(`--sub-langs may hold live_chat, .+-orig and a language tag, got ${lang}`);
  }
}
if (new Set(langs).size !== langs.length) refuse('--sub-langs names an entry twice');
const tags = langs.filter((lang) => lang !== 'live_chat' && lang !== '.+-orig');
if (tags.length > 1) refuse(`--sub-langs asks for one language besides the original auto-captions, got ${tags.join(', ')}`);
const wantSubs = langs.some((lang) => lang !== '.+-orig'); // the chat, the uploader's track
const wantAuto = langs.some((lang) => lang !== 'live_chat'); // -orig, or the language's auto-captions
if (wantSubs !== seen.has('--write-subs')) refuse('--write-subs goes with --sub-langs live_chat or a language (the chat and the uploader\'s tracks are subtitles)');
if (wantAuto !== seen.has('--write-auto-subs')) refuse('--write-auto-subs goes with --sub-langs .+-orig or a language (the auto-captions)');
if (langs.length > 0 && values['--sub-format'] !== 'json3/best') refuse(`--sub-format must be json3/best, got ${values['--sub-format']}`);
if (langs.length === 0 && values['--sub-format'] !== undefined) refuse('--sub-format without --sub-langs');
let maxComments;
if (seen.has('--write-comments')) {
  const m = /^youtube:comment_sort=top;max_comments=([1-9]\d*)$/.exec(values['--extractor-args'] ?? '');
  if (!m) refuse(`--write-comments needs --extractor-args "youtube:comment_sort=top;max_comments=N", got ${values['--extractor-args']}`);
  maxComments = Number(m[1]);
} else if (values['--extractor-args'] !== undefined) {
  refuse('--extractor-args without --write-comments');
}

// ---- the video ----------------------------------------------------------------------------
const FIXTURES = resolve(env.FAKE_YTDLP_FIXTURES ?? join(import.meta.dirname, '../../../shared/fixtures'));
const VIDEOS = {
  ChatDevFix1: { base: '【ゲーム実況】深夜の耐久 dev fixture [ChatDevFix1]', chat: true, spoken: undefined, uploader: [] },
  dQ4wT9xYz0A: { base: 'コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A]', chat: false, spoken: 'ja', uploader: ['ja'] },
};
/** YouTube offers over a hundred; a few stand for them. */
const TRANSLATION_LANGUAGES = ['en', 'ja', 'ko', 'zh-Hans', 'zh-Hant', 'fr', 'de', 'es', 'pt', 'id'];
const say = (line) => process.stdout.write(`${line}\n`);
const fail = (message, code = 1) => {
  process.stderr.write(`ERROR: [youtube] ${id}: ${message}\n`);
  process.exit(code);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Never returns: the test must kill the process (and its process group). */
const hang = async () => {
  setInterval(() => undefined, 60_000);
  await new Promise(() => undefined);
};

say(`[youtube] Extracting URL: ${url}`);
say(`[youtube] ${id}: Downloading webpage`);
if (MODE === 'network') {
  for (let n = 1; n <= 3; n += 1) process.stderr.write(`WARNING: [youtube] <urlopen error [Errno -2] Name or service not known>. Retrying (${n}/3)...\n`);
  fail("Unable to download API page: <urlopen error [Errno -2] Name or service not known> (caused by URLError(gaierror(-2, 'Name or service not known')))");
}
say(`[youtube] ${id}: Downloading android player API JSON`);
if (MODE === 'members-only') fail('Join this channel to get access to members-only content like this video, and other exclusive perks.');
if (MODE === 'private') fail("Private video. Sign in if you've been granted access to this video");
const video = VIDEOS[id] ?? (env.FAKE_YTDLP_UNKNOWN === 'upload' ? { upload: true, chat: false, spoken: undefined, uploader: [] } : undefined);
if (!video) fail('Video unavailable');
if (MODE === 'live') {
  say(`[download] ${id} does not pass filter (!is_live), skipping ..`);
  process.exit(0);
}
const fixture = (relative) => {
  const path = join(FIXTURES, relative);
  if (!existsSync(path)) {
    process.stderr.write(`fake-ytdlp: fixture missing: ${path} (set FAKE_YTDLP_FIXTURES to ../shared/fixtures)\n`);
    process.exit(3);
  }
  return path;
};

const info = video.upload
  ? { id, title: `Upload ${id}`, duration: 600, channel: 'Test Channel', channel_id: 'UCtestchannel0000000000', was_live: false, comments: [] }
  : JSON.parse(readFileSync(fixture(`youtube/${video.base}.info.json`), 'utf8'));
// yt-dlp 2023.03.04 writes no top-level `language` for YouTube: the spoken one shows as `<lang>-orig`
delete info.language;
if (env.FAKE_YTDLP_AVAILABILITY) info.availability = env.FAKE_YTDLP_AVAILABILITY;
const hasChat = video.chat && MODE !== 'no-chat';
const spoken = MODE === 'no-captions' ? undefined : video.spoken;
const uploaderTracks = MODE === 'no-captions' || MODE === 'auto-captions-only' ? [] : video.uploader;
const track = (lang, name) => [{ ext: 'json3', url: `https://www.youtube.com/api/timedtext?v=${id}&lang=${lang}&fmt=json3`, name }];
const subtitles = Object.fromEntries([...(hasChat ? ['live_chat'] : []), ...uploaderTracks].map((lang) => [lang, track(lang, lang)]));
const automatic = {};
if (spoken !== undefined) {
  for (const lang of TRANSLATION_LANGUAGES) {
    if (lang === spoken) automatic[`${lang}-orig`] = track(lang, `${lang} (Original)`);
    automatic[lang] = track(lang, lang);
  }
}
for (const from of uploaderTracks) for (const lang of TRANSLATION_LANGUAGES) automatic[`${lang}-${from}`] = track(lang, `${lang} from ${from}`);
info.subtitles = subtitles;
info.automatic_captions = automatic;
// one table, the uploader's first and winning a shared code; each entry matched against whole codes
const available = [...(wantSubs ? Object.keys(subtitles) : [])];
if (wantAuto) for (const lang of Object.keys(automatic)) if (!available.includes(lang)) available.push(lang);
const subs = [];
for (const entry of langs) {
  const re = new RegExp(`^(?:${entry})$`, 'i');
  for (const lang of available) if (re.test(lang) && !subs.includes(lang)) subs.push(lang);
}
const captionTracks = subs.filter((lang) => lang !== 'live_chat');
if (captionTracks.length > 3) refuse(`--sub-langs ${langs.join(',')} would download ${captionTracks.length} caption tracks (${captionTracks.join(', ')}): machine translations?`);
const base = join(dir, template.replaceAll('%(id)s', id).replaceAll('%(title)s', String(info.title).replaceAll('/', '⧸')).replace(/\.%\(ext\)s$/, ''));
if (subs.length > 0) say(`[info] ${id}: Downloading subtitles: ${subs.join(', ')}`);
say(`[info] ${id}: Downloading 1 format(s): 22`);

// comments (yt-dlp's post-extractor runs before any file is written)
const allComments = Array.isArray(info.comments) ? info.comments : [];
delete info.comments;
delete info.comment_count;
if (maxComments !== undefined) {
  say('[youtube] Downloading comment section API JSON');
  if (MODE === 'comments-disabled') {
    process.stderr.write(`WARNING: [youtube] ${id}: Youtube said: Comments are turned off. Learn more\n`);
  } else {
    const total = allComments.length;
    const taken = allComments.slice(0, maxComments);
    say(`[youtube] Downloading ~${total} comments`);
    say('[youtube] Sorting comments by top comments');
    for (let done = 20, page = 1; done < taken.length; done += 20, page += 1) say(`[youtube] Downloading comment API JSON page ${page} (${done}/${total})`);
    say(`[youtube] Extracted ${taken.length} comments`);
    info.comments = taken;
    info.comment_count = taken.length;
  }
}
if (subs.length === 0 && langs.length > 0) say("[info] There's no subtitles for the requested languages");

if (MODE === 'hang' && !subs.includes('live_chat')) await hang();

// the live chat, fragment by fragment into a .part file
if (subs.includes('live_chat')) {
  const target = `${base}.live_chat.json`;
  say(`[info] Writing video subtitles to: ${target}`);
  say('[youtube_live_chat] Downloading live chat');
  say(`[download] Destination: ${target}`);
  const chat = readFileSync(fixture(`youtube/${video.base}.live_chat.json`));
  const part = openSync(`${target}.part`, 'w');
  const FRAGMENTS = 40;
  const step = Math.ceil(chat.length / FRAGMENTS);
  for (let frag = 1, at = 0; at < chat.length; frag += 1, at += step) {
    writeSync(part, chat.subarray(at, Math.min(chat.length, at + step)));
    say(`[download] ${((Math.min(chat.length, at + step)) / 1048576).toFixed(2).padStart(8)}MiB at  512.00KiB/s (00:00:0${frag % 10}) (frag ${frag})`);
    if (MODE === 'hang' && frag === 3) await hang();
    await sleep(DELAY_MS);
  }
  closeSync(part);
  renameSync(`${target}.part`, target);
  say(`[download] 100% of ${(chat.length / 1048576).toFixed(2).padStart(7)}MiB in 00:00:05 at 1.78MiB/s`);
}
for (const lang of captionTracks) {
  const target = `${base}.${lang}.json3`;
  say(`[info] Writing video subtitles to: ${target}`);
  say(`[download] Destination: ${target}`);
  writeFileSync(target, readFileSync(fixture('captions/panel.ja.json3')));
  say('[download] 100% of   12.00KiB in 00:00:00 at 100.00KiB/s');
}
const infoPath = `${base}.info.json`;
say(`[info] Writing video metadata as JSON to: ${infoPath}`);
writeFileSync(infoPath, JSON.stringify(info));
