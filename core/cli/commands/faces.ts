import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import type { VideoFaces } from '../../faces/faces-for-video.js';
import {
  assertKnownIdentities,
  hideIdentity,
  mergeIdentity,
  renameIdentity,
  updatePeopleEdits,
  type PeopleEdits,
} from '../../faces/people-edits.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { runFaces } from '../../pipeline/run-faces.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface FacesCommandOptions extends CommonOptions {
  from?: string;
  to?: string;
  fps?: string;
  accurate?: boolean;
  matchThreshold?: string;
  maxMissed?: string;
  minTrack?: string;
  out?: string;
  reanalyse?: boolean;
  name?: string[];
  merge?: string[];
  hide?: string[];
  show?: string[];
}

/** The `faces --json` shape of the README (plus the project id and the user's names). */
export interface FacesCommandResult {
  video: string;
  videoId: string;
  durationS: number;
  analyzedFrames: number;
  identities: Array<{
    id: string;
    name?: string;
    hidden?: boolean;
    appearances: Array<[number, number]>;
    totalS: number;
    thumbnail: string | null;
  }>;
  /** "person-5 may be person-2": people never on screen together whose faces are close (only when there are some). */
  suggestions?: Array<{ from: string; into: string }>;
}

function numberOption(flag: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new KirinukiError('INVALID_ARGUMENT', `--${flag} must be a ${integer ? 'whole ' : ''}number ≥ 0, got "${raw}".`);
  }
  return value;
}

function pair(flag: string, raw: string): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0) throw new KirinukiError('INVALID_ARGUMENT', `--${flag} "${raw}" must look like person-2=${flag === 'name' ? 'Alice' : 'person-1'}.`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1).trim()];
}

function editIds(options: FacesCommandOptions): string[] {
  return [
    ...(options.name ?? []).map((raw) => pair('name', raw)[0]),
    ...(options.merge ?? []).flatMap((raw) => pair('merge', raw)),
    ...(options.hide ?? []),
    ...(options.show ?? []),
  ];
}

function applyEdits(edits: PeopleEdits, options: FacesCommandOptions): PeopleEdits {
  let next = edits;
  for (const raw of options.name ?? []) next = renameIdentity(next, ...pair('name', raw));
  for (const raw of options.merge ?? []) next = mergeIdentity(next, ...pair('merge', raw));
  for (const id of options.hide ?? []) next = hideIdentity(next, id, true);
  for (const id of options.show ?? []) next = hideIdentity(next, id, false);
  return next;
}

function toResult(faces: VideoFaces): FacesCommandResult {
  return {
    video: faces.video,
    videoId: faces.videoId,
    durationS: Math.round(faces.durationS * 1000) / 1000,
    analyzedFrames: faces.analyzedFrames,
    identities: faces.identities.map((i) => ({
      id: i.id,
      ...(i.name ? { name: i.name } : {}),
      ...(i.hidden ? { hidden: true } : {}),
      appearances: i.appearances,
      totalS: i.totalS,
      thumbnail: i.thumbnail,
    })),
    ...(faces.suggestions?.length ? { suggestions: faces.suggestions.map(({ from, into }) => ({ from, into })) } : {}),
  };
}

async function action(video: string, options: FacesCommandOptions, context: CommandContext): Promise<FacesCommandResult> {
  const settings = {
    from: numberOption('from', options.from, false),
    to: numberOption('to', options.to, false),
    fps: numberOption('fps', options.fps, false),
    accurate: options.accurate === true,
    matchThreshold: numberOption('match-threshold', options.matchThreshold, false),
    maxMissed: numberOption('max-missed', options.maxMissed, true),
    minTrack: numberOption('min-track', options.minTrack, true),
  };
  const { from, to, ...detection } = settings;
  const run = { root: options.out, signal: context.signal, onProgress: context.progress.listener, log: context.log };
  let faces = await runFaces(video, { ...run, faces: { ...detection, scope: { kind: 'range', from, to }, reanalyse: options.reanalyse === true } });
  const ids = editIds(options);
  if (ids.length > 0) {
    assertKnownIdentities(ids, faces.identities);
    await updatePeopleEdits(faces.projectDir, (edits) => applyEdits(edits, options));
    // the edits are an input of the faces stage: it applies them to the analysis kept in faces.json
    faces = await runFaces(video, { ...run, videoId: faces.videoId, faces: { ...detection, scope: { kind: 'range', from, to } } });
  }
  return toResult(faces);
}

function render(result: FacesCommandResult): void {
  const lines = [`${result.video}: ${result.identities.length} people in ${result.analyzedFrames} analysed frames`];
  for (const identity of result.identities) {
    const label = `${identity.id}${identity.name ? ` (${identity.name})` : ''}${identity.hidden ? ' [hidden]' : ''}`;
    const spans = identity.appearances.map(([s, e]) => `${s.toFixed(1)}-${e.toFixed(1)}`).join(', ');
    lines.push(`  ${label.padEnd(24)} ${identity.totalS.toFixed(1).padStart(6)} s  ${spans}`);
    if (identity.thumbnail) lines.push(`  ${''.padEnd(24)} ${identity.thumbnail}`);
  }
  for (const { from, into } of result.suggestions ?? []) lines.push(`  ${from} may be ${into} (merge them with --merge ${from}=${into})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerFacesCommand(program: Command): void {
  program
    .command('faces')
    .description('Find, follow and recognise the people on screen in a video (or a range of it).')
    .argument('<video>', 'a local video file')
    .option('--from <s>', 'start of the range to analyse, in seconds')
    .option('--to <s>', 'end of the range to analyse, in seconds')
    .option('--fps <n>', 'analysed frames per second (default 5)')
    .option('--accurate', 'SSD MobileNet instead of the Tiny Face Detector for every full-frame pass (slower)')
    .option('--match-threshold <x>', 'descriptor distance above which faces are different people (default 0.55)')
    .option('--max-missed <n>', 'analysed frames a face may go undetected before its track ends (default 10)')
    .option('--min-track <n>', 'tracks with fewer detected frames are dropped as noise (default 3)')
    .option('--out <dir>', 'projects root: faces.json, people.json and faces/*.jpg go to <dir>/<videoId>/', DEFAULT_PROJECTS_ROOT)
    .option('--reanalyse', 'analyse again even if faces.json matches the file and settings')
    .option('--name <id=name...>', 'name a person, e.g. --name person-1=Alice (saved in people.json)')
    .option('--merge <id=into...>', 'the same person as another, e.g. --merge person-3=person-1')
    .option('--hide <id...>', 'leave a person out of per-person exports')
    .option('--show <id...>', 'undo --hide')
    .option('--json', 'print the result as JSON on stdout')
    .action((video: string, options: FacesCommandOptions) =>
      runCommand(options, (context) => action(video, options, context), render),
    );
}
