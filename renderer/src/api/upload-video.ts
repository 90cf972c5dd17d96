import type { Outcome } from '../../../core/app/contract';
import { CallError } from './call';

/**
 * `kirinuki serve` has no native file dialog: the browser sends the file the user picked to
 * `POST ./upload/<videoId>`, which saves it in the project and answers with the path that
 * `attachVideo` then accepts (a path typed into the API is refused).
 */
export async function uploadVideo(videoId: string, file: File): Promise<string> {
  const token = sessionStorage.getItem('kirinuki-token') ?? '';
  let outcome: Outcome<{ path: string }>;
  try {
    const response = await fetch(`./upload/${encodeURIComponent(videoId)}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Kirinuki-Token': token },
      body: file,
      credentials: 'same-origin',
    });
    outcome = (await response.json()) as Outcome<{ path: string }>;
  } catch (error) {
    throw new CallError('NETWORK', `The upload did not reach the Kirinuki server (${(error as Error).message}); is \`kirinuki serve\` still running?`);
  }
  if (!outcome.ok) throw new CallError(outcome.error.code, outcome.error.message);
  return outcome.value.path;
}
