import { descriptorDistance } from '../../core/faces/descriptor-distance.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import type { FaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import { readFrames } from '../../core/media/read-frames.js';

export interface FrameFaces {
  /** Seconds into the clip. */
  t: number;
  /** For each face found: the closest of the known people and how close. */
  faces: Array<{ person: string | null; distance: number }>;
}

/**
 * Who the real detector sees in sampled frames of an exported clip: every face the full-frame
 * pass finds, described and compared with the people's descriptors.
 */
export async function facesInClip(
  pool: FaceWorkerPool,
  path: string,
  people: Array<{ id: string; descriptor: number[] }>,
  fps = 3,
): Promise<FrameFaces[]> {
  const settings = normaliseFaceSettings();
  const out: FrameFaces[] = [];
  for await (const frame of readFrames(path, { fps, maxWidth: 640 })) {
    const image = { width: frame.width, height: frame.height, data: frame.data };
    const { detections } = await pool.run({ kind: 'detect', image, passes: [settings.fullPass], regions: [], regionPass: settings.regionPass });
    const { faces } = detections.length > 0 ? await pool.run({ kind: 'describe', image, boxes: detections.map((d) => d.box) }) : { faces: [] };
    out.push({
      t: frame.t,
      faces: faces.map((face) => {
        if (!face) return { person: null, distance: Infinity };
        const ranked = people.map((p) => ({ person: p.id, distance: descriptorDistance(p.descriptor, face.descriptor) })).sort((a, b) => a.distance - b.distance);
        return ranked[0] ?? { person: null, distance: Infinity };
      }),
    });
  }
  return out;
}
