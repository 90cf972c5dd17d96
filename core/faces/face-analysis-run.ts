import { suppressOverlaps } from './box-geometry.js';
import type { DescribeResult, DetectJob, Detection, DetectorPass, FaceDescription, RgbImage } from './face-jobs.js';
import type { NormalisedFaceSettings } from './face-options.js';
import type { FaceWorkerPool } from './face-worker-pool.js';
import { changedTiles, type GreyThumbnail } from './changed-tiles.js';
import { isClearLook } from './clear-look.js';
import { cropFace } from './face-thumbnail.js';
import { frameSignature, SIGNATURE_STEP, signatureChange, type FrameSignature } from './frame-signature.js';
import { planFrameJobs, type FramePlan } from './plan-frame-jobs.js';
import { FaceTracker, type TrackedFace } from './track-faces.js';
import type { FaceBox } from './types.js';

/** A shot change score above this ends every track (a new shot, maybe a new face in the same place), unless it comes again at once (busyPicture). */
const CUT_SCORE = 0.15;

/**
 * Frames planned ahead of the one being tracked: their detection runs while earlier frames are
 * tracked. A fixed number, not one per worker, so the plan of a frame (made from the tracks as
 * they stood LOOKAHEAD frames before) is the same on every machine; a longer one would search
 * for moving faces where they were longer ago.
 */
const LOOKAHEAD = 3;

/** Descriptors asked for at frame j are taken in just before frame j + DESCRIBE_LAG is tracked, whenever they arrive. */
const DESCRIBE_LAG = 8;

export interface AnalysedFrame extends RgbImage {
  t: number;
  index: number;
}

interface QueuedFrame {
  frame: AnalysedFrame;
  /** The start of another clip (or the first frame): every track ends. */
  forced: boolean;
  /** The picture changed like a cut since the frame before (`previousT`). */
  pictureChange: boolean;
  /** ...and had changed so into the frame before too. */
  changing: boolean;
  previousT: number;
  skipped: boolean;
  detections: Promise<Detection[]>;
}

interface PendingDescribe {
  frame: AnalysedFrame;
  wanted: Array<{ trackId: string; box: FaceBox }>;
  result: Promise<DescribeResult>;
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
  /** A clear look (see isClearLook): preferred for a person's thumbnail over a face cut by the edge. */
  clear: boolean;
}

type WorkKind = 'discovery' | 'full' | 'fine' | 'scan' | 'regionsOnly' | 'describe';

const noWork = (): Record<WorkKind, number> => ({ discovery: 0, full: 0, fine: 0, scan: 0, regionsOnly: 0, describe: 0 });

export interface RunCounters {
  frames: number;
  /** Worker milliseconds by kind of work. */
  workerMs: Record<WorkKind, number>;
  /** Jobs sent to the workers, by kind of work. */
  jobs: Record<WorkKind, number>;
  fullPasses: number;
  discoveryPasses: number;
  /** Full-frame passes run because a tracked face was not in its search region. */
  lostPasses: number;
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
    workerMs: noWork(),
    jobs: noWork(),
    frames: 0, fullPasses: 0, discoveryPasses: 0, lostPasses: 0, regionSearches: 0, scans: 0, tiles: 0, descriptors: 0 };
  private readonly queue: QueuedFrame[] = [];
  /** Descriptor jobs in the order they were asked for, taken in at a fixed lag (see DESCRIBE_LAG). */
  private readonly describing: PendingDescribe[] = [];
  private readonly describeState = new Map<string, DescribeState>();
  private previous: FrameSignature | undefined;
  private previousT = 0;
  private lastPictureChange = false;
  /** The shot cuts seen inside each part: the times of the analysed frames just before and just after each. */
  readonly cuts: Array<[number, number]> = [];
  private lastFull = -Infinity;
  /** The first frame is a cut (finer pass, SSD where it finds nothing): the periodic SSD pass counts from it. */
  private lastDiscovery = 0;
  private lastScan = -Infinity;
  /** The picture at the last whole-frame look, to see where something changed since. */
  private scanRef: GreyThumbnail | undefined;
  /** The picture at the last full-frame pass. */
  private fullRef: GreyThumbnail | undefined;

  constructor(
    private readonly pool: FaceWorkerPool,
    private readonly settings: NormalisedFaceSettings,
  ) {
    this.tracker = new FaceTracker(settings);
  }

  /** Takes the next frame; `forced` starts a new shot (the start of another clip). */
  async push(frame: AnalysedFrame, forced = false): Promise<void> {
    const current = frameSignature(frame);
    const pictureChange = this.previous !== undefined && signatureChange(this.previous, current) > CUT_SCORE;
    const previousT = this.previousT;
    const changing = !forced && this.lastPictureChange;
    this.lastPictureChange = pictureChange;
    // the first frame starts a shot
    forced ||= this.previous === undefined;
    // a picture that already changed like a cut into the frame before is busy content, not a new
    // shot: a full-frame look, without the finer pass of a shot's start (wasted on every frame there)
    const busy = pictureChange && changing;
    const cut = forced || (pictureChange && !busy);
    this.previous = current;
    this.previousT = frame.t;
    const grey: GreyThumbnail = { grey: current.grey, cols: Math.ceil(frame.width / SIGNATURE_STEP), step: SIGNATURE_STEP };
    const active = this.tracker.predictedBoxes(frame.t);
    // where the tracked faces were last seen and should be now: the picture changes there because of them
    const trackedAreas = [...this.tracker.activeTracks().map((track) => track.box), ...active];
    const plan = planFrameJobs(
      {
        index: frame.index,
        cut,
        busy,
        width: frame.width,
        height: frame.height,
        active,
        stillSinceFull: this.stillSince(this.fullRef, grey, frame, trackedAreas),
        lastFull: this.lastFull,
        lastScan: this.lastScan,
        lastDiscovery: this.lastDiscovery,
      },
      this.settings,
    );
    if (plan.full) {
      this.lastFull = frame.index;
      this.fullRef = grey;
    }
    if (plan.discovery) this.lastDiscovery = frame.index;
    const scanTiles = this.tilesToScan(plan, grey, frame, trackedAreas);
    this.count(plan.full, plan.discovery, plan.regions.length);
    const tiles = plan.tiles ?? scanTiles;
    const tilePass = (plan.tiles ? plan.tilePass : undefined) ?? this.settings.tilePass;
    const kind: WorkKind = plan.discovery ? 'discovery' : plan.fine ? 'fine' : scanTiles.length > 0 ? 'scan' : plan.full ? 'full' : 'regionsOnly';
    const detections = plan.skip ? Promise.resolve([]) : quiet(this.detect(frame, plan, tiles, tilePass, kind));
    this.queue.push({ frame, forced, pictureChange, changing, previousT, skipped: plan.skip, detections });
    while (this.queue.length > LOOKAHEAD) await this.processHead();
  }

  /**
   * The detection work of one frame as separate jobs (the passes with the region searches, and
   * each tile on its own), so a slow frame's work spreads over the workers.
   */
  private async detect(frame: AnalysedFrame, plan: FramePlan, tiles: FaceBox[], tilePass: DetectorPass, kind: WorkKind): Promise<Detection[]> {
    const { regionPass } = this.settings;
    const jobs: DetectJob[] = tiles.map((tile) => ({ kind: 'detect', image: frame, passes: [], regions: [], regionPass, tiles: [tile], tilePass }));
    if (plan.passes.length + plan.regions.length + (plan.fallbackRegions?.length ?? 0) > 0) {
      const { passes, passesIfEmpty, passesIfLost, regions, fallbackRegions } = plan;
      jobs.unshift({ kind: 'detect', image: frame, passes, passesIfEmpty, passesIfLost, regions, fallbackRegions, regionPass });
    }
    this.counters.jobs[kind] += 1;
    const results = await Promise.all(jobs.map((job) => this.pool.run(job, frame.index)));
    for (const result of results) {
      this.counters.workerMs[kind] += result.ms ?? 0;
      if (result.ranIfEmpty) this.counters.discoveryPasses += 1;
      if (result.ranIfLost) this.counters.lostPasses += 1;
    }
    return suppressOverlaps(results.flatMap((r) => r.detections), 0.4);
  }

  /** Tracks the frames still in flight, waits for every descriptor, and returns the tracks. */
  async finish(): Promise<TrackedFace[]> {
    while (this.queue.length > 0) await this.processHead();
    await this.takeDescriptors(Infinity);
    return this.tracker.finish();
  }

  /** Whether nothing changed outside the tracked faces since the picture `before`. */
  private stillSince(before: GreyThumbnail | undefined, now: GreyThumbnail, frame: AnalysedFrame, active: FaceBox[]): boolean {
    if (!before) return false;
    const { tilePx } = this.settings;
    return changedTiles(before, now, { width: frame.width, height: frame.height, active, tile: tilePx, maxTiles: 1 }).length === 0;
  }

  /** The changed tiles to search on a scan frame; every whole-frame look renews the reference picture. */
  private tilesToScan(plan: { scan?: boolean; discovery: boolean; fine?: boolean }, now: GreyThumbnail, frame: AnalysedFrame, active: FaceBox[]): FaceBox[] {
    if (!plan.scan && !plan.discovery && !plan.fine) return [];
    const before = this.scanRef;
    this.scanRef = now;
    this.lastScan = frame.index;
    if (!plan.scan || !before) return [];
    this.counters.scans += 1;
    const { tilePx, maxTiles } = this.settings;
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
    await this.takeDescriptors(head.frame.index - DESCRIBE_LAG);
    const detections = await head.detections;
    const cut = head.forced || (head.pictureChange && !head.changing && !this.busyPicture());
    if (cut && !head.forced) this.cuts.push([head.previousT, head.frame.t]);
    const assignments = this.tracker.update({ t: head.frame.t, detections, cut, skipped: head.skipped });
    const wanted = assignments
      .filter((a) => this.wantsDescriptor(a.trackId, detections[a.detectionIndex]!.box, head.frame.index, a.jumped === true))
      .map((a) => ({ trackId: a.trackId, box: detections[a.detectionIndex]!.box }));
    if (wanted.length > 0) this.describe(head.frame, wanted);
  }

  /**
   * Whether the picture changes like a cut again within the next frames of the same clip (or did
   * into the frame before: see `changing`): not a new shot but busy content (flashing or scrolling gameplay under a face-cam changes that much
   * on most frames), where ending every track would leave faces in pieces too short to count.
   */
  private busyPicture(): boolean {
    for (const next of this.queue) {
      if (next.forced) return false;
      if (next.pictureChange) return true;
    }
    return false;
  }

  private wantsDescriptor(trackId: string, box: FaceBox, index: number, jumped: boolean): boolean {
    if (this.settings.boxesOnly || box.h < this.settings.minDescribePx) return false;
    const state = this.describeState.get(trackId);
    if (!state) return true;
    if (state.pending) return false;
    // a face taken up away from where the track lost it may be someone else's: a look splits the track then (splitChangedTracks)
    if (jumped) return true;
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
    const result = quiet(this.pool.run({ kind: 'describe', image: frame, boxes: wanted.map((w) => w.box) }, frame.index));
    this.describing.push({ frame, wanted, result });
  }

  /** Takes in, in the order asked, the descriptors asked for up to frame `until`, waiting for them if need be. */
  private async takeDescriptors(until: number): Promise<void> {
    while (this.describing.length > 0 && this.describing[0]!.frame.index <= until) {
      const { frame, wanted, result } = this.describing.shift()!;
      const { faces, ms } = await result;
      this.counters.workerMs.describe += ms ?? 0;
      this.counters.jobs.describe += 1;
      faces.forEach((face, i) => this.accept(frame, wanted[i]!, face));
    }
  }

  private accept(frame: AnalysedFrame, wanted: { trackId: string; box: FaceBox }, face: FaceDescription | null): void {
    const state = this.describeState.get(wanted.trackId)!;
    state.pending = false;
    state.results += 1;
    if (!face) return;
    this.counters.descriptors += 1;
    state.bestFrontal = Math.max(state.bestFrontal, face.frontal);
    const clear = isClearLook(wanted.box, frame, face.frontal);
    this.tracker.addDescriptor(wanted.trackId, { descriptor: face.descriptor, quality: face.quality, t: frame.t, frontal: face.frontal, clear });
    const best = this.crops.get(wanted.trackId);
    if (!best || (clear && !best.clear) || (clear === best.clear && face.quality > best.quality)) {
      this.crops.set(wanted.trackId, { quality: face.quality, crop: cropFace(frame, wanted.box), clear });
    }
  }
}
