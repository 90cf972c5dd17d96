import type { ChildProcess } from 'node:child_process';
import { cancelledError, throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { trackFfmpegProcess } from './ffmpeg-processes.js';
import { StderrTail } from './stderr-tail.js';

/** One ffmpeg process and what its frame streams share: its exit, its error text, killing it. */
export class FrameDecode {
  private killed = false;
  private open: number;
  private readonly untrack: () => void;
  private readonly stderr = new StderrTail();
  readonly exited: Promise<number | null>;

  constructor(
    private readonly child: ChildProcess,
    private readonly path: string,
    private readonly signal: AbortSignal | undefined,
    streams: number,
  ) {
    this.open = streams;
    this.untrack = trackFfmpegProcess(this.kill);
    signal?.addEventListener('abort', this.kill, { once: true });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    // once ffmpeg is gone there is nothing left to kill, whichever streams were read
    this.exited.then(this.forget, this.forget);
  }

  /** Idempotent: the process list and the abort listener let go of it. */
  private readonly forget = (): void => {
    this.signal?.removeEventListener('abort', this.kill);
    this.untrack();
  };

  readonly kill = (): void => {
    this.killed = true;
    this.child.kill('SIGKILL');
  };

  /** Throws what ended the decode early, if anything did. */
  async finished(): Promise<void> {
    const code = await this.exited;
    if (this.killed) throw cancelledError();
    throwIfAborted(this.signal);
    if (code !== 0) {
      throw new KirinukiError('FFMPEG_FAILED', `ffmpeg could not decode ${this.path}: ${this.stderr.text() || `exit code ${code}`}`);
    }
  }

  failure(error: unknown): unknown {
    return this.signal?.aborted || this.killed ? cancelledError() : error;
  }

  /** A stream is done with; a stream left early stops the decode (the others end cancelled). */
  release(completed: boolean): void {
    this.open -= 1;
    if (completed && this.open > 0) return;
    if (this.child.exitCode === null && this.child.signalCode === null) this.kill();
    this.forget();
  }
}
