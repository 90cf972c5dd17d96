/** Every ffmpeg Kirinuki has running, so "cancel all" and app quit can stop them. */
const running = new Set<() => void>();

/** Registers a running process by its kill function; call the returned function when it exits. */
export function trackFfmpegProcess(kill: () => void): () => void {
  running.add(kill);
  return () => running.delete(kill);
}

/** Kills every ffmpeg this process started (for app quit). Returns how many were running. */
export function killAllFfmpeg(): number {
  const kills = [...running];
  running.clear();
  for (const kill of kills) kill();
  return kills.length;
}

export function runningFfmpegCount(): number {
  return running.size;
}
