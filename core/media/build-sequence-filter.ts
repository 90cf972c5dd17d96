import { buildClipFilter, type ClipFilterRequest } from './build-clip-filter.js';
import type { ClipSegmentLayout } from './clip-layout.js';

/**
 * The chains of a `sequence` layout (one layout per run of shots, e.g. a following crop, then the
 * blurred fit where nobody is on screen): the video is split, each branch keeps its own time span
 * (`trim`, times from the clip start), gets its layout at the output size, and the branches are
 * joined back in order with `concat`. One pass; every frame goes through exactly one layout.
 * Written for the reframe stage; kept apart from build-clip-filter.ts, which only dispatches here.
 */
export function sequenceChains(request: ClipFilterRequest, segments: ClipSegmentLayout[]): string[] {
  const count = segments.length;
  const branches = segments.map((_, k) => `[sq${k}in]`).join('');
  const chains = [`[0:v]split=${count}${branches}`];
  segments.forEach((segment, k) => {
    const inner = buildClipFilter({ ...request, layout: segment.layout, overlays: [], input: undefined });
    const relabelled = inner.replace(/\[([A-Za-z0-9_:]+)\]/g, (_match, label: string) =>
      label === '0:v' ? `[sq${k}trim]` : `[sq${k}_${label}]`,
    );
    const end = k === count - 1 ? '' : `:end=${segment.end.toFixed(4)}`;
    chains.push(`[sq${k}in]trim=start=${segment.start.toFixed(4)}${end}[sq${k}trim]`);
    chains.push(relabelled);
    chains.push(`[sq${k}_vout]setpts=PTS-STARTPTS[sq${k}]`);
  });
  chains.push(`${segments.map((_, k) => `[sq${k}]`).join('')}concat=n=${count}:v=1:a=0[v0]`);
  return chains;
}
