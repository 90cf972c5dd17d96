import type { DetectResult, FaceDescription, RgbImage } from './face-jobs.js';
import type { NormalisedFaceSettings } from './face-options.js';
import type { FaceWorkerPool } from './face-worker-pool.js';
import { changedTiles, type GreyThumbnail } from './changed-tiles.js';
import { cropFace } from './face-thumbnail.js';
import { frameSignature, SIGNATURE_STEP, signatureChange, type FrameSignature } from './frame-signature.js';
import { planFrameJobs } from './plan-frame-jobs.js';
import { FaceTracker, type TrackedFace } from './track-faces.js';
import type { FaceBox } from './types.js';

/** A shot change score above this ends every track (a new shot, maybe a new face in the same place). */
const CUT_SCORE = 0.15;

export interface AnalysedFrame extends RgbImage {
  t: number;
  index: number;
}

interface QueuedFrame {
  frame: AnalysedFrame;
  cut: boolean;
  skipped: boolean;
  discovery: boolean;
  detections: Promise<DetectResult>;
}

interface DescribeState {
  pending: boolean;
  lastRequest: number;
  results: number;
  bestFrontal: number;
}

export interface BestCrop {
  quality: number;
  crop: RgbImage;
}

export interface RunCounters {
  frames: number;
  /** Worker milliseconds by kind of work. */
  workerMs: { discovery: number; full: number; fine: number; scan: number; regionsOnly: number; describe: number };
  fullPasses: number;
  discoveryPasses: number;
  regionSearches: number;
  /** Looks for newcomers where the picture changed, and the magnified tiles they searched. */
  scans: number;
  tiles: number;
  descriptors: number;
}

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * The streaming state of one face analysis: frames go to the worker pool a few at a time
 * (detection of the next frames overlaps tracking of this one), results are tracked in frame
 * order, and descriptors are asked for only when a track starts or is due for a refresh.
 */
export class FaceAnalysisRun {
  readonly tracker: FaceTracker;
  readonly crops = new Map<string, BestCrop>();
  readonly counters: RunCounters = {
    workerMs: { discovery: 0, full: 0, fine: 0, scan: 0, regionsOnly: 0, describe: 0 },
    frames: 0, fullPasses: 0, discoveryPasses: 0, regionSearches: 0, scans: 0, tiles: 0, descriptors: 0 };
  private readonly queue: QueuedFrame[] = [];
  private readonly describing = new Set<Promise<void>>();
  private readonly describeState = new Map<string, DescribeState>();
  private previous: FrameSignature | undefined;
  private lastFull = -Infinity;
  private lastDiscovery = -Infinity;
  private lastScan = -Infinity;
  /** The picture at the last whole-frame look, to see where something changed since. */
  private scanRef: GreyThumbnail | undefined;
  private discoveryWanted = false;

  constructor(
    private readonly pool: FaceWorkerPool,
    private readonly settings: NormalisedFaceSettings,
  ) {
    this.tracker = new FaceTracker(settings);
  }

  /** Takes the next frame; `cut` forces a new shot (the start of another clip). */
  async push(frame: AnalysedFrame, cut = false): Promise<void> {
    const current = frameSignature(frame);
    cut ||= this.previous !== undefined && signatureChange(this.previous, current) > CUT_SCORE;
    this.previous = current;
    const plan = planFrameJobs(
      {
        index: frame.index,
        cut,
        width: frame.width,
        height: frame.height,
        active: this.tracker.activeTracks().map((t) => t.box),
        lastFull: this.lastFull,
        lastScan: this.lastScan,
        lastDiscovery: this.lastDiscovery,
        discoveryWanted: this.discoveryWanted,
      },
      this.settings,
    );
    if (plan.full) this.lastFull = frame.index;
    if (plan.discovery) {
      this.lastDiscovery = frame.index;
      this.discoveryWanted = false;
    }
    const scanTiles = this.tilesToScan(plan, { grey: current.grey, cols: Math.ceil(frame.width / SIGNATURE_STEP), step: SIGNATURE_STEP }, frame);
    this.count(plan.full, plan.discovery, plan.regions.length);
    const { regionPass } = this.settings;
    const tiles = plan.tiles ?? scanTiles;
    const tilePass = plan.tiles ? plan.tilePass : this.settings.tilePass;
    const detections = plan.skip
      ? Promise.resolve<DetectResult>({ detections: [] })
      : quiet(this.pool.run({ kind: 'detect', image: frame, passes: plan.passes, regions: plan.regions, fallbackRegions: plan.fallbackRegions, regionPass, tiles, tilePass }));
    const kind = plan.discovery ? 'discovery' : plan.fine ? 'fine' : scanTiles.length > 0 ? 'scan' : plan.full ? 'full' : 'regionsOnly';
    void detections.then((r) => (this.counters.workerMs[kind] += r.ms ?? 0)).catch(() => undefined);
    this.queue.push({ frame, cut, skipped: plan.skip, discovery: plan.discovery, detections });
    // One frame more than workers in flight keeps them busy while a slow pass is tracked; a
    // longer queue would plan frames from older boxes and pick newcomers up later.
    while (this.queue.length > this.pool.size + 1) await this.processHead();
  }

  /** Tracks the frames still in flight, waits for every descriptor, and returns the tracks. */
  async finish(): Promise<TrackedFace[]> {
    while (this.queue.length > 0) await this.processHead();
    await Promise.all(this.describing);
    return this.tracker.finish();
  }

  /** The changed tiles to search on a scan frame; every whole-frame look renews the reference picture. */
  private tilesToScan(plan: { scan?: boolean; discovery: boolean; fine?: boolean }, now: GreyThumbnail, frame: AnalysedFrame): FaceBox[] {
    if (!plan.scan && !plan.discovery && !plan.fine) return [];
    const before = this.scanRef;
    this.scanRef = now;
    this.lastScan = frame.index;
    if (!plan.scan || !before) return [];
    this.counters.scans += 1;
    const { tilePx, maxTiles } = this.settings;
    const active = this.tracker.activeTracks().map((t) => t.box);
    const tiles = changedTiles(before, now, { width: frame.width, height: frame.height, active, tile: tilePx, maxTiles });
    this.counters.tiles += tiles.length;
    return tiles;
  }

  private count(full: boolean, discovery: boolean, regions: number): void {
    this.counters.frames += 1;
    if (discovery) this.counters.discoveryPasses += 1;
    else if (full) this.counters.fullPasses += 1;
    this.counters.regionSearches += regions;
  }

  private async processHead(): Promise<void> {
    const head = this.queue.shift()!;
    const { detections } = await head.detections;
    if (head.cut && !head.discovery && detections.length === 0) this.discoveryWanted = true;
    const assignments = this.tracker.update({ t: head.frame.t, detections, cut: head.cut, skipped: head.skipped });
    const wanted = assignments
      .map((a) => ({ trackId: a.trackId, box: detections[a.detectionIndex]!.box }))
      .filter((a) => this.wantsDescriptor(a.trackId, a.box, head.frame.index));
    if (wanted.length > 0) this.describe(head.frame, wanted);
  }

  private wantsDescriptor(trackId: string, box: FaceBox, index: number): boolean {
    if (this.settings.boxesOnly || box.h < this.settings.minDescribePx) return false;
    const state = this.describeState.get(trackId);
    if (!state) return true;
    if (state.pending) return false;
    // A turned-away first look is retried soon; a good one is only refreshed now and then.
    const every = state.bestFrontal < 0.7 ? Math.ceil(this.settings.describeEvery / 3) : this.settings.describeEvery;
    // With enough good looks, a rare check still notices a different face taking the track over (a dissolve).
    const enough = state.results >= this.settings.descriptorsPerTrack && state.bestFrontal >= 0.7;
    return index - state.lastRequest >= (enough ? every * 2 : every);
  }

  private describe(frame: AnalysedFrame, wanted: Array<{ trackId: string; box: FaceBox }>): void {
    for (const { trackId } of wanted) {
      const state = this.describeState.get(trackId) ?? { pending: false, lastRequest: 0, results: 0, bestFrontal: 0 };
      this.describeState.set(trackId, { ...state, pending: true, lastRequest: frame.index });
    }
    const job = this.pool
      .run({ kind: 'describe', image: frame, boxes: wanted.map((w) => w.box) })
      .then((result) => {
        this.counters.workerMs.describe += result.ms ?? 0;
        result.faces.forEach((face, i) => this.accept(frame, wanted[i]!, face));
      });
    const tracked = quiet(job.finally(() => this.describing.delete(tracked)));
    this.describing.add(tracked);
  }

  private accept(frame: AnalysedFrame, wanted: { trackId: string; box: FaceBox }, face: FaceDescription | null): void {
    const state = this.describeState.get(wanted.trackId)!;
    state.pending = false;
    state.results += 1;
    if (!face) return;
    this.counters.descriptors += 1;
    state.bestFrontal = Math.max(state.bestFrontal, face.frontal);
    this.tracker.addDescriptor(wanted.trackId, { descriptor: face.descriptor, quality: face.quality, t: frame.t, frontal: face.frontal });
    const best = this.crops.get(wanted.trackId);
    if (!best || face.quality > best.quality) {
      this.crops.set(wanted.trackId, { quality: face.quality, crop: cropFace(frame, wanted.box) });
    }
  }
}
