import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixture } from './shared-media.js';

/** The fake yt-dlp (tests/helpers/fake-ytdlp.mjs): it checks its arguments and writes recorded fixtures. */
export const FAKE_YTDLP_SCRIPT = join(import.meta.dirname, 'fake-ytdlp.mjs');

export type FakeYtDlpMode = 'ok' | 'no-chat' | 'no-captions' | 'auto-captions-only' | 'comments-disabled' | 'members-only' | 'private' | 'network' | 'hang' | 'live';

/** The fake, made executable here (npm and git may not keep the bit). */
export function fakeYtDlp(): string {
  chmodSync(FAKE_YTDLP_SCRIPT, 0o755);
  return FAKE_YTDLP_SCRIPT;
}

/**
 * The environment that points Kirinuki at the fake: `KIRINUKI_YTDLP`, the fixtures (from
 * ../shared, which must exist: a run without it fails loudly), and where it records its calls.
 */
export function fakeYtDlpEnv(dir: string, mode: FakeYtDlpMode = 'ok'): Record<string, string> & { FAKE_YTDLP_CALLS: string; FAKE_YTDLP_PIDFILE: string } {
  sharedFixture('youtube/コラボ配信 ハイライト候補テスト [dQ4wT9xYz0A].info.json');
  sharedFixture('captions/panel.ja.json3');
  return {
    KIRINUKI_YTDLP: fakeYtDlp(),
    FAKE_YTDLP_FIXTURES: join(sharedFixture('youtube'), '..'),
    FAKE_YTDLP_CALLS: join(dir, 'ytdlp-calls.jsonl'),
    FAKE_YTDLP_PIDFILE: join(dir, 'ytdlp.pid'),
    FAKE_YTDLP_MODE: mode,
    // an id without fixtures is "Video unavailable" here (the suite's default makes it an upload)
    FAKE_YTDLP_UNKNOWN: '',
  };
}

/** The argument lists the fake was called with so far. */
export function fakeYtDlpCalls(callsFile: string): string[][] {
  if (!existsSync(callsFile)) return [];
  return readFileSync(callsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);
}

/** Sets the fake's environment on this process (for in-process calls); returns a function that restores it. */
export function useFakeYtDlpEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  return () => apply(saved);
}

/** Whether a process is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
