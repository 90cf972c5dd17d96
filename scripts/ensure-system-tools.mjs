#!/usr/bin/env node
// Finds the system tools the tests need (Debian's Chromium for the UI tests, yt-dlp for downloads,
// Tesseract with its Japanese data for reading telops back from exported frames, redis-server for the
// queue tests, which start their own on a loopback port);
// installs the missing ones with apt when running as root, or stops naming the command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  { name: 'chromium', package: 'chromium', found: () => existsSync('/usr/bin/chromium') },
  { name: 'yt-dlp', package: 'yt-dlp', found: () => onPath('yt-dlp') || Boolean(process.env.KIRINUKI_YTDLP) },
  { name: 'tesseract', package: 'tesseract-ocr', found: () => onPath('tesseract') },
  { name: 'tesseract (Japanese)', package: 'tesseract-ocr-jpn', found: () => tesseractLanguage('jpn') },
  { name: 'redis-server', package: 'redis-server', found: () => existsSync('/usr/bin/redis-server') },
];

function onPath(command) {
  return spawnSync('sh', ['-c', 'command -v "$0"', command], { stdio: 'ignore' }).status === 0;
}

function tesseractLanguage(language) {
  const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return listed.status === 0 && `${listed.stdout}`.split(/\s+/).includes(language);
}

function run(command, args) {
  console.error(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

const missing = TOOLS.filter((tool) => !tool.found());
if (missing.length === 0) process.exit(0);

const packages = missing.map((tool) => tool.package);
const installCommand = `apt-get update && apt-get install -y ${packages.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !onPath('apt-get')) {
  console.error(`Missing ${missing.map((t) => t.name).join(', ')}. Install with: sudo ${installCommand}`);
  process.exit(1);
}
console.error(`Installing ${packages.join(', ')} with apt (needed by the tests)…`);
if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', ...packages])) {
  console.error(`apt could not install ${packages.join(', ')}. Run: ${installCommand}`);
  process.exit(1);
}
const still = TOOLS.filter((tool) => !tool.found());
if (still.length > 0) {
  console.error(`Still missing after apt: ${still.map((t) => t.name).join(', ')}. Run: ${installCommand}`);
  process.exit(1);
}
