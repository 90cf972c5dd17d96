export interface ConcatEntry {
  /** A file name beside the list (the concat demuxer resolves it from the list's folder). */
  file: string;
  durationS: number;
}

const quoted = (name: string): string => `'${name.replace(/'/g, "'\\''")}'`;

/**
 * An ffconcat list showing each file for its duration. The last file is named once more without
 * a duration: a picture is one frame at its start, and after the last one the stream ends, so
 * an overlay with `eof_action=pass` dropped the last state a frame after it began (measured);
 * the repeat puts a frame at the end of the list.
 */
export function ffconcatList(entries: readonly ConcatEntry[]): string {
  const lines = ['ffconcat version 1.0'];
  for (const entry of entries) lines.push(`file ${quoted(entry.file)}`, `duration ${entry.durationS.toFixed(3)}`);
  const last = entries.at(-1);
  if (last) lines.push(`file ${quoted(last.file)}`);
  return `${lines.join('\n')}\n`;
}
