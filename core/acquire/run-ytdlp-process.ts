import { spawn } from 'node:child_process';
import { cancelledError } from '../cancel.js';
import { splitOutputLines } from './parse-ytdlp-progress.js';

/** What one line of yt-dlp's output says; an `error` event is an `ERROR:` line, collected rather than handed on. */
export type YtDlpLineEvent = { kind: string } | { kind: 'error'; message: string };

export interface YtDlpProcess<E extends YtDlpLineEvent> {
  ytdlp: string;
  args: string[];
  /** Variables set on top of this process's environment; the environment is inherited as is when undefined. */
  env?: Record<string, string>;
  /** An abort kills yt-dlp's whole process tree, and the run then rejects with CANCELLED. */
  signal?: AbortSignal | undefined;
  /** Reads one non-blank line (stdout or stderr); undefined when it says nothing. */
  parseLine: (line: string) => E | undefined;
  /** Each event but the errors, as it comes. */
  onEvent: (event: E) => void;
  /** The error to reject with when yt-dlp cannot be started at all. */
  notStarted: (error: Error) => Error;
}

export interface YtDlpExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The messages of its `ERROR:` lines. */
  errors: string[];
  /** Its last non-blank lines, trimmed. */
  tail: string[];
}

const TAIL_LINES = 8;

const isError = (event: YtDlpLineEvent): event is { kind: 'error'; message: string } => event.kind === 'error';

/**
 * Runs yt-dlp detached (so an abort can kill it with the ffmpeg it starts), reading its stdout and
 * stderr line by line. Resolves with how it exited, whatever the code; rejects with CANCELLED when
 * aborted, or with `notStarted(…)` when it could not be started.
 */
export function runYtDlpProcess<E extends YtDlpLineEvent>(run: YtDlpProcess<E>): Promise<YtDlpExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.ytdlp, run.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      ...(run.env ? { env: { ...process.env, ...run.env } } : {}),
    });
    const errors: string[] = [];
    const tail: string[] = [];
    const onAbort = (): void => killTree(child.pid);
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const consume = (stream: NodeJS.ReadableStream): void => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const split = splitOutputLines(rest + chunk);
        rest = split.rest;
        for (const line of split.lines) {
          if (line.trim() === '') continue;
          tail.push(line.trim());
          if (tail.length > TAIL_LINES) tail.shift();
          const event = run.parseLine(line);
          if (event && isError(event)) errors.push(event.message);
          else if (event) run.onEvent(event);
        }
      });
    };
    consume(child.stdout);
    consume(child.stderr);
    child.on('error', (error) => reject(run.notStarted(error)));
    child.on('close', (code, signal) => {
      run.signal?.removeEventListener('abort', onAbort);
      if (run.signal?.aborted) return reject(cancelledError());
      resolve({ code, signal, errors, tail });
    });
    if (run.signal?.aborted) onAbort();
  });
}

/** yt-dlp hands sections to ffmpeg, which runs as its child: kill the whole process group. */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
