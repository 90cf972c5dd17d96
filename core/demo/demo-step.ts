import type { StageOptions } from '../progress.js';
import type { MomentsResult } from '../moments/types.js';
import type { CommentSet } from '../youtube/types.js';
import type { SampleTruth } from './generate-sample-comments.js';

/** What the demo made so far: each step reads what it needs and adds what it makes. */
export interface DemoSample {
  /** A sample video made on the spot by a step that needs one (clips, faces, reframe). */
  videoPath?: string;
  /** The sample's duration in seconds; the comment step fits its moments inside it. */
  durationS?: number;
  commentSet?: CommentSet;
  /** The true moments the comment set was generated around. */
  truth?: SampleTruth[];
  moments?: MomentsResult;
}

export interface DemoContext extends StageOptions {
  /** The demo's projects root: each video's folder is `<outDir>/<videoId>/`. */
  outDir: string;
  sample: DemoSample;
  /** A progress or diagnostic line on stderr. */
  log: (line: string) => void;
  /** Output for the person running the demo (stdout; silent with --json). */
  print: (text: string) => void;
  /** Terminal width for tables. */
  columns: number;
  /** Each step's JSON summary, keyed by step name, returned by `runDemo`. */
  results: Record<string, unknown>;
}

/** One capability shown by `kirinuki demo`; later issues add theirs to DEMO_STEPS. */
export interface DemoStep {
  name: string;
  title: string;
  run: (context: DemoContext) => Promise<void>;
}
