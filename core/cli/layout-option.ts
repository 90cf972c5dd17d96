import { KirinukiError } from '../errors.js';
import { REFRAME_LAYOUTS, type ReframeLayout } from '../reframe/reframe-layouts.js';

export const LAYOUT_HELP =
  `${REFRAME_LAYOUTS.join(', ')}: auto puts a streamer's face-cam on top of the content when one is found, ` +
  'else two people far apart one per half; single always one crop; split stacks two people; facecam the face-cam layout wherever one is found (default auto)';

/** `--layout`, checked; undefined when not given (the camera's default, auto). */
export function layoutOption(raw: string | undefined): ReframeLayout | undefined {
  if (raw === undefined || (REFRAME_LAYOUTS as readonly string[]).includes(raw)) return raw as ReframeLayout | undefined;
  throw new KirinukiError('INVALID_ARGUMENT', `--layout "${raw}" is not one of ${REFRAME_LAYOUTS.join(', ')}.`);
}
