/** Limits of the virtual camera along one axis, in pixels and seconds. */
export interface CameraLimits {
  /** Largest speed, px/s. */
  maxSpeed: number;
  /** Largest change of speed, px/s². */
  maxAcceleration: number;
  /** Seconds the camera takes to close a gap to where it should be. */
  responseS: number;
  /** Width of the Gaussian that smooths the detector's jitter away, in seconds (zero-phase: no lag). */
  smoothingS: number;
  /** The camera holds while the subject's centre stays within this many pixels... */
  holdRange: number;
  /** ...for at least this many seconds (so a subject that stops gets a still camera). */
  minHoldS: number;
  /** Seconds of the subject's motion the camera leads by... */
  lookAheadS: number;
  /** ...but never more than this many pixels. */
  maxLead: number;
}

export interface AxisBounds {
  /** Per step: the lowest and highest crop position that keeps the whole subject inside. */
  low: number[];
  high: number[];
  /** The crop may not leave [0, max]. */
  max: number;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Zero-phase Gaussian smoothing (no lag), edges held. */
export function gaussianSmooth(values: number[], sigmaSteps: number): number[] {
  if (sigmaSteps <= 0 || values.length < 3) return [...values];
  const radius = Math.ceil(3 * sigmaSteps);
  const weights = Array.from({ length: 2 * radius + 1 }, (_, k) =>
    Math.exp(-((k - radius) ** 2) / (2 * sigmaSteps ** 2)),
  );
  return values.map((_, i) => {
    let sum = 0;
    let total = 0;
    for (let k = -radius; k <= radius; k += 1) {
      const j = clamp(i + k, 0, values.length - 1);
      sum += values[j]! * weights[k + radius]!;
      total += weights[k + radius]!;
    }
    return sum / total;
  });
}

/**
 * Marks the runs where the subject stays put: a greedy scan for windows of at least `minSteps`
 * whose centres span no more than `range`. Each such run gets the middle of its span, the others
 * stay undefined (moving).
 */
export function findHolds(centres: number[], range: number, minSteps: number): (number | undefined)[] {
  const holds = new Array<number | undefined>(centres.length).fill(undefined);
  let i = 0;
  while (i < centres.length) {
    let low = centres[i]!;
    let high = low;
    let j = i + 1;
    while (j < centres.length) {
      const value = centres[j]!;
      if (Math.max(high, value) - Math.min(low, value) > range) break;
      low = Math.min(low, value);
      high = Math.max(high, value);
      j += 1;
    }
    if (j - i >= minSteps) {
      holds.fill((low + high) / 2, i, j);
      i = j;
    } else {
      i += 1;
    }
  }
  return holds;
}

/**
 * Where the crop should be at each step, from the subject's (smoothed) centres: still where the
 * subject pauses, elsewhere centred on it and a little ahead of its motion, always within the
 * bounds that keep the subject inside.
 */
export function desiredPositions(
  centres: number[],
  cropSize: number,
  dt: number,
  limits: CameraLimits,
  bounds: AxisBounds,
): number[] {
  const smooth = centres;
  const holds = findHolds(smooth, limits.holdRange, Math.round(limits.minHoldS / dt));
  return smooth.map((centre, i) => {
    const before = Math.max(i - 1, 0);
    const after = Math.min(i + 1, smooth.length - 1);
    const speed = after > before ? (smooth[after]! - smooth[before]!) / ((after - before) * dt) : 0;
    const lead = clamp(speed * limits.lookAheadS, -limits.maxLead, limits.maxLead);
    const wanted = (holds[i] ?? centre + lead) - cropSize / 2;
    const low = bounds.low[i]!;
    const high = bounds.high[i]!;
    const inside = low <= high ? clamp(wanted, low, high) : (low + high) / 2;
    return clamp(inside, 0, bounds.max);
  });
}

/** The highest speed from which braking at `acceleration`, one step at a time, stops within `distance`. */
function stoppingSpeed(distance: number, acceleration: number, dt: number): number {
  const perStep = acceleration * dt;
  return perStep * (Math.sqrt(0.25 + (2 * Math.max(0, distance)) / (perStep * dt)) - 0.5);
}

/**
 * A calm camera operator along one axis: it tracks the desired positions with feed-forward of
 * their speed plus a correction of the gap, never faster than `maxSpeed` and never changing speed
 * faster than `maxAcceleration`, so there is no jump and no jerk.
 */
export function followAxis(desired: number[], dt: number, limits: CameraLimits, max: number): number[] {
  if (desired.length === 0) return [];
  const positions = [desired[0]!];
  let position = desired[0]!;
  const startSpeed = desired.length > 1 ? (desired[1]! - desired[0]!) / dt : 0;
  let speed = clamp(startSpeed, -limits.maxSpeed, limits.maxSpeed);
  for (let i = 1; i < desired.length; i += 1) {
    const feedForward = (desired[i]! - desired[i - 1]!) / dt;
    // slow down in time to stop at the frame's edge instead of bumping into it
    const brakeHigh = stoppingSpeed(max - position, limits.maxAcceleration, dt);
    const brakeLow = stoppingSpeed(position, limits.maxAcceleration, dt);
    const wantedSpeed = clamp(
      feedForward + (desired[i - 1]! - position) / limits.responseS,
      -Math.min(limits.maxSpeed, brakeLow),
      Math.min(limits.maxSpeed, brakeHigh),
    );
    const maxChange = limits.maxAcceleration * dt;
    speed += clamp(wantedSpeed - speed, -maxChange, maxChange);
    position += speed * dt;
    if (position < 0 || position > max) {
      position = clamp(position, 0, max);
      speed = 0;
    }
    positions.push(position);
  }
  return positions;
}
