import { fitSize } from './build-clip-filter.js';

interface ConcatSource {
  width: number;
  height: number;
  hasAudio: boolean;
  durationS: number;
}

/**
 * The graph joining inputs 0..n-1 into `[vout]`/`[aout]`: each video fitted into width x height
 * (black bars where the aspect differs), each audio made 48 kHz stereo, or silence of the clip's
 * length when it has none. Pure: unit-tested.
 */
export function buildConcatFilter(sources: ConcatSource[], size: { width: number; height: number }): string {
  const chains: string[] = [];
  const pairs: string[] = [];
  sources.forEach((source, i) => {
    const fit = fitSize(source, size.width, size.height);
    const x = Math.floor((size.width - fit.width) / 4) * 2;
    const y = Math.floor((size.height - fit.height) / 4) * 2;
    chains.push(
      `[${i}:v]scale=${fit.width}:${fit.height},setsar=1,pad=${size.width}:${size.height}:${x}:${y}:black,format=yuv420p[v${i}]`,
    );
    chains.push(
      source.hasAudio
        ? `[${i}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[a${i}]`
        : `anullsrc=channel_layout=stereo:sample_rate=48000,atrim=duration=${source.durationS.toFixed(6)}[a${i}]`,
    );
    pairs.push(`[v${i}][a${i}]`);
  });
  chains.push(`${pairs.join('')}concat=n=${sources.length}:v=1:a=1[vout][aout]`);
  return chains.join(';');
}
