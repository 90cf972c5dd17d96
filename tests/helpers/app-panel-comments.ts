import { writeFile } from 'node:fs/promises';
import { makeThreads, type SyntheticComment } from './fake-youtube-api.js';

export const PANEL_VIDEO_ID = 'pAnElShow01';
export const PANEL_TITLE = 'Panel talk show — three guests';

/** Viewers of ../shared/media/video/panel.mp4 pointing at B's entrance (0:09) and the side-by-side (0:27). */
export function panelComments(): SyntheticComment[] {
  const at = (stamp: string, texts: string[]) => texts.map((text, i) => ({ text: `${stamp} ${text}`, likes: 40 - i }));
  return [
    ...at('0:09', ['her face lol', 'this entrance', 'I replayed this 10 times', 'the wink!!', 'best part', 'iconic', 'lmao', 'ok this killed me', 'the timing', 'her expression', 'haha', 'yes']),
    ...at('0:08~0:14', ['😂😂 the wink', 'so good']),
    ...at('0:27', ['both of them at once', 'the side eye', 'split screen gold', 'look at him', 'the duo']),
    ...at('0:26-0:31', ['lol', 'the reaction']),
    ...at('0:35', ['she is back', 'return of the queen']),
    ...Array.from({ length: 10 }, (_, i) => ({ text: `great show, greetings from city ${i}`, likes: i })),
  ];
}

/** The same comments as an offline `{video, threads}` file (the Data API's own JSON shape). */
export async function writePanelCommentsFile(path: string): Promise<string> {
  const video = { id: PANEL_VIDEO_ID, title: PANEL_TITLE, duration: 'PT38S', durationS: 38, channelId: 'UCpanelChannel0000000000', channelTitle: 'Panel Channel' };
  await writeFile(path, JSON.stringify({ video, threads: makeThreads(PANEL_VIDEO_ID, panelComments()) }));
  return path;
}
