import type { ChatSignal } from '../chat/chat-signal.js';
import type { SignalName } from './signal-names.js';

/** A reaction tag the captions carry, e.g. `[笑い]` at 12.5 s. */
export interface CaptionTag {
  t: number;
  tag: string;
  kind: string;
}

/** The signals beside the comments that the moments stage fuses (each optional). */
export interface ViewerSignals {
  /** The signals to use (`--signals`); every one by default. */
  use?: readonly SignalName[];
  chat?: ChatSignal;
  captionTags?: readonly CaptionTag[];
}
