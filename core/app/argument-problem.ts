import type { z } from 'zod';

/** The fields of the contract as the UI names them (a zod path never reaches the user). */
const FIELD: Record<string, string> = {
  maxLengthS: 'The longest clip length (seconds)',
  start: 'The in point',
  end: 'The out point',
  at: 'The split point',
  cueStart: 'The cue',
  name: 'The name',
  text: 'The telop text',
  apiKey: 'The API key',
  outputDir: 'The output folder',
  source: 'The link or path',
  channel: 'The channel',
  limit: 'The number of videos',
  url: 'The link',
  path: 'The file',
  file: 'The file',
  videoId: 'The project',
  personId: 'The person',
  into: 'The person to keep',
  from: 'The people to merge',
  rank: 'The moment',
  style: 'The telop style',
  preset: 'The preset',
  crop: 'The crop',
  caption: 'The captions',
  moment: 'The moment',
  jobId: 'The job',
};

const WORDS: Record<string, string> = {
  'start must be before end': 'The in point must be before the out point',
};

/**
 * A refused argument as a sentence in the user's words: "The longest clip length (seconds) must
 * be at least 1." rather than "exportClips: maxLengthS: Too small: expected number to be >=1".
 */
export function argumentProblem(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'Some of what was entered is not valid; check it and try again.';
  const key = [...issue.path].reverse().find((part): part is string => typeof part === 'string');
  const field = (key && FIELD[key]) ?? 'A value';
  const custom = WORDS[issue.message];
  if (custom) return `${custom}.`;
  switch (issue.code) {
    case 'too_small':
      return typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint'
        ? issue.origin === 'string' || issue.origin === 'array'
          ? `${field} cannot be empty.`
          : `${field} must be at least ${issue.minimum}.`
        : `${field} is too small.`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? `${field} is too long.` : `${field} must be at most ${String(issue.maximum)}.`;
    case 'invalid_value':
      return issue.values.length > 0 && issue.values.length <= 8
        ? `${field} must be one of: ${issue.values.map(String).join(', ')}.`
        : `${field} is not one of the choices.`;
    case 'invalid_type':
      return `${field} is missing or not a valid value.`;
    default:
      return `${field} is not valid.`;
  }
}
