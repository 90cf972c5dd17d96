import type { ClipLayout } from '../media/clip-layout.js';
import type { CropSample } from '../media/crop-path.js';
import { facecamHeight, fitSize } from '../media/build-clip-filter.js';
import { cropPathBoxes } from '../media/crop-path-expression.js';
import type { FrameSize } from './types.js';

/**
 * One run of a clip as the preview draws it, times in seconds from the clip start:
 * `crop` a moving crop box (source pixels, linear between samples, two samples at one time a cut),
 * `blur` the whole frame fitted at `fit` (output pixels) over a blurred fill, `split` two crop boxes
 * stacked in two halves of the output, `facecam` the face-cam's box in the top `camHeight` output
 * pixels over the content's box in the rest.
 */
export type PreviewRun =
  | { start: number; end: number; mode: 'crop'; path: CropSample[] }
  | { start: number; end: number; mode: 'blur'; fit: { x: number; y: number; width: number; height: number } }
  | { start: number; end: number; mode: 'split'; top: CropSample[]; bottom: CropSample[]; half: number }
  | { start: number; end: number; mode: 'facecam'; cam: CropSample[]; content: CropSample[]; camHeight: number };

const even = (value: number): number => Math.floor(value / 2) * 2;

/** The centre crop core/media renders for `center` (build-clip-filter.ts). */
export function centerBox(source: FrameSize, output: FrameSize): CropSample {
  const aspect = output.width / output.height;
  const w = even(Math.min(source.width, source.height * aspect));
  const h = even(Math.min(source.height, source.width / aspect));
  return { t: 0, x: even((source.width - w) / 2), y: even((source.height - h) / 2), w, h };
}

/**
 * A clip's layout as the runs the portrait preview draws: the same boxes and fits core/media's
 * filters render (the path's constant size and clamping, the centre crop, the blurred fit), so
 * the preview shows the export's frame.
 */
export function previewRuns(layout: ClipLayout, source: FrameSize, output: FrameSize, durationS: number): PreviewRun[] {
  if (layout.mode === 'sequence') {
    return layout.segments.flatMap((segment) => previewRuns(segment.layout, source, output, durationS).map((run) => ({ ...run, start: segment.start, end: segment.end })));
  }
  const whole = { start: 0, end: durationS };
  switch (layout.mode) {
    case 'center':
    case 'scale':
      return [{ ...whole, mode: 'crop', path: [centerBox(source, output)] }];
    case 'path':
      return [{ ...whole, mode: 'crop', path: cropPathBoxes(layout.path, source, output.width / output.height) }];
    case 'blur': {
      const fit = fitSize(source, output.width, output.height);
      return [{ ...whole, mode: 'blur', fit: { x: even((output.width - fit.width) / 2), y: even((output.height - fit.height) / 2), ...fit } }];
    }
    case 'split': {
      const half = even(output.height / 2);
      return [{
        ...whole,
        mode: 'split',
        half,
        top: cropPathBoxes(layout.top, source, output.width / half),
        bottom: cropPathBoxes(layout.bottom, source, output.width / (output.height - half)),
      }];
    }
    case 'facecam': {
      const camHeight = facecamHeight(layout.camHeight, output.height);
      return [{
        ...whole,
        mode: 'facecam',
        camHeight,
        cam: cropPathBoxes(layout.cam, source, output.width / camHeight),
        content: cropPathBoxes(layout.content, source, output.width / (output.height - camHeight)),
      }];
    }
  }
}
