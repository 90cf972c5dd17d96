import { KirinukiError } from '../errors.js';

export interface FindMomentsOptions {
  /** How many moments to return, best first (default 10). */
  top?: number;
  /** Shortest window in seconds (default 8). */
  minLength?: number;
  /** Longest window in seconds (default 60). */
  maxLength?: number;
  /** Kernel bandwidth of the clustering in seconds (default 3). */
  bandwidthS?: number;
}

export type NormalisedMomentsOptions = Required<FindMomentsOptions>;

export const MOMENTS_DEFAULTS: NormalisedMomentsOptions = {
  top: 10,
  minLength: 8,
  maxLength: 60,
  bandwidthS: 3,
};

function positive(name: string, value: number | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const valid = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!valid) {
    const kind = integer ? 'a positive whole number' : 'a positive number of seconds';
    throw new KirinukiError('INVALID_ARGUMENT', `${name} must be ${kind}, got ${String(value)}.`);
  }
  return value;
}

/** Validates the public options once and fills in every default. */
export function normaliseMomentsOptions(options: FindMomentsOptions = {}): NormalisedMomentsOptions {
  const normalised = {
    top: positive('top', options.top, MOMENTS_DEFAULTS.top, true),
    minLength: positive('minLength', options.minLength, MOMENTS_DEFAULTS.minLength),
    maxLength: positive('maxLength', options.maxLength, MOMENTS_DEFAULTS.maxLength),
    bandwidthS: positive('bandwidthS', options.bandwidthS, MOMENTS_DEFAULTS.bandwidthS),
  };
  if (options.minLength !== undefined && options.maxLength === undefined) {
    normalised.maxLength = Math.max(normalised.maxLength, normalised.minLength);
  }
  if (options.maxLength !== undefined && options.minLength === undefined) {
    normalised.minLength = Math.min(normalised.minLength, normalised.maxLength);
  }
  if (normalised.minLength > normalised.maxLength) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `minLength (${normalised.minLength} s) must not exceed maxLength (${normalised.maxLength} s).`,
    );
  }
  return normalised;
}
