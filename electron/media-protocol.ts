import { Readable } from 'node:stream';
import { openProjectMedia } from '../core/app/project-media.js';
import { toErrorPayload } from '../core/errors.js';

export const MEDIA_SCHEME = 'kirinuki-media';

/**
 * `kirinuki-media://project/<videoId>/<path>`: project media for the <video> and <img> elements,
 * limited to the project folders (no traversal, no symlinks out) and with Range support so the
 * player can seek. A plain function of the request, so it is tested without Electron.
 */
export async function mediaProtocolResponse(root: string, request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const [, videoId = '', ...rest] = url.pathname.split('/');
    if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== 'project') throw new Error('not a project media URL');
    const ref = { videoId: decodeURIComponent(videoId), rel: rest.map((p) => decodeURIComponent(p)).join('/') };
    const file = await openProjectMedia(root, ref, request.headers.get('range'));
    const body = file.body ? (Readable.toWeb(file.body) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: file.status, headers: file.headers });
  } catch (error) {
    return new Response(toErrorPayload(error).message, { status: 404, headers: { 'Content-Type': 'text/plain' } });
  }
}
