import type { Command } from 'commander';
import { KirinukiError } from '../../errors.js';
import { PRESET_NAMES } from '../../export/presets.js';
import { DEFAULT_PROJECTS_ROOT } from '../../project/project-dir.js';
import { CROP_MODES, type CropOption } from '../../export/crop-modes.js';
import { reframeVideo, type ReframeResult } from '../../pipeline/reframe-video.js';
import { addCaptionOptions, captionSettings, type CaptionFlags } from '../caption-options.js';
import { LAYOUT_HELP, layoutOption } from '../layout-option.js';
import { checkSubsLang } from '../../acquire/viewer-files-arguments.js';
import { runCommand, type CommandContext, type CommonOptions } from '../run-command.js';

interface ReframeCommandOptions extends CommonOptions, CaptionFlags {
  out?: string;
  preset: string;
  crop: string;
  person?: string;
  layout?: string;
  from?: string;
  to?: string;
  projects: string;
  subs?: string;
  subsLang?: string;
}

function cropMode(raw: string): CropOption {
  if ((CROP_MODES as readonly string[]).includes(raw)) return raw as CropOption;
  throw new KirinukiError('INVALID_ARGUMENT', `--crop "${raw}" is not one of ${CROP_MODES.join(', ')}.`);
}

function seconds(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new KirinukiError('INVALID_ARGUMENT', `--${flag} must be a number of seconds ≥ 0, got "${raw}".`);
  }
  return value;
}

async function action(video: string, options: ReframeCommandOptions, context: CommandContext): Promise<ReframeResult> {
  if (!options.out) throw new KirinukiError('INVALID_ARGUMENT', '--out FILE is required: the reframed video to write.');
  const captions = captionSettings(options);
  const subsLang = checkSubsLang(options.subsLang);
  const result = await reframeVideo(video, {
    output: options.out,
    preset: options.preset,
    crop: cropMode(options.crop),
    person: options.person,
    layout: layoutOption(options.layout),
    from: seconds('from', options.from),
    to: seconds('to', options.to),
    projectsRoot: options.projects,
    ...captions,
    subsFile: options.subs,
    subsLang,
    signal: context.signal,
    onProgress: context.progress.listener,
  });
  for (const note of result.notes ?? []) context.log(note.message);
  return result;
}

function render(result: ReframeResult): void {
  const telops = result.captions && result.captions.mode !== 'top-comment' ? `, ${result.captions.telops} telops` : '';
  const lines = [
    `${result.path}: ${result.width}x${result.height}, ${result.durationS.toFixed(2)} s, crop ${result.crop}${telops}`,
  ];
  for (const shot of result.shots) {
    const who = shot.subjects.length > 0 ? ` [${shot.subjects.join(', ')}]` : '';
    lines.push(`  ${shot.start.toFixed(2).padStart(7)}-${shot.end.toFixed(2).padEnd(7)} ${shot.mode.padEnd(7)}${who} ${shot.reason}`);
  }
  lines.push(`crop path (${result.cropPath.length} samples): ${result.planFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerReframeCommand(program: Command): void {
  const command = program
    .command('reframe')
    .description('Reframe a video for portrait with a virtual camera that follows the subject smoothly.')
    .argument('<video>', 'a local video file')
    .option('--out <file>', 'the reframed video to write (.mp4)')
    .option('--preset <name>', `output format: ${PRESET_NAMES.join(', ')}`, 'shorts')
    .option('--crop <mode>', `${CROP_MODES.join(', ')}: follow the subject, the centre, or the whole frame over a blurred copy`, 'follow')
    .option('--person <id>', 'keep this person in frame (an id or name from `kirinuki faces`)')
    .option('--layout <layout>', LAYOUT_HELP)
    .option('--from <s>', 'start of the span to reframe, in seconds')
    .option('--to <s>', 'end of the span to reframe, in seconds')
    .option('--projects <dir>', 'projects root: the crop path is saved in <dir>/<videoId>/reframe/', DEFAULT_PROJECTS_ROOT);
  addCaptionOptions(command)
    .option('--subs <file>', 'subtitles (.json3, .vtt or .srt) for --captions speech (default: <name>.<lang>.json3|vtt|srt beside the video)')
    .option('--subs-lang <lang>', "the subtitles beside the video in this language (<name>.<lang>.json3|vtt|srt; the uploader's before YouTube's auto-captions when its .info.json says which is which)")
    .option('--json', 'print the result as JSON on stdout')
    .action((video: string, options: ReframeCommandOptions) =>
      runCommand(options, (context) => action(video, options, context), render),
    );
}
