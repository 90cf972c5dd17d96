import { writeFileAtomic } from '../fs/atomic-write.js';
import type { UploadText } from './upload-text.js';

/** `<clip>.upload.txt`: the clip's name with `.upload.txt` instead of its extension. */
export const uploadTextPath = (clipPath: string): string => clipPath.replace(/\.[^.\\/]+$/, '') + '.upload.txt';

/** The upload text as one file to copy from: the title, the description, the tags. */
export function formatUploadText(upload: UploadText): string {
  return `${upload.title}\n\n${upload.description}\n\nTags: ${upload.tags.join(', ')}\n`;
}

/** Written beside the clip, atomically (a temporary name, then renamed). */
export async function writeUploadTextFile(clipPath: string, upload: UploadText): Promise<string> {
  const path = uploadTextPath(clipPath);
  await writeFileAtomic(path, formatUploadText(upload));
  return path;
}
