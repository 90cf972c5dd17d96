import { postToServer } from './browser-host';
import { CallError } from './call';

/**
 * `kirinuki serve` has no native file dialog: the browser sends the file the user picked (a video,
 * or a .json3/.vtt/.srt subtitle file) to `POST ./upload/<videoId>`, which saves it in the project
 * and answers with the path that `attachVideo` / `attachSubtitles` then accept (a path typed into
 * the API is refused).
 */
export async function uploadFile(videoId: string, file: File): Promise<string> {
  const path = `./upload/${encodeURIComponent(videoId)}?name=${encodeURIComponent(file.name)}`;
  const outcome = await postToServer<{ path: string }>(path, 'application/octet-stream', file, 'The upload did not reach the Kirinuki server');
  if (!outcome.ok) throw new CallError(outcome.error.code, outcome.error.message);
  return outcome.value.path;
}

export const uploadVideo = uploadFile;
