import { KirinukiError } from '../errors.js';

export const PRESET_NAMES = ['shorts', 'tiktok', 'reels', 'landscape'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** An export format: fixed portrait size, or the source's aspect (`landscape`). */
export interface Preset {
  name: PresetName;
  /** Output size; undefined for `landscape`, which keeps the source's aspect. */
  size?: { width: number; height: number };
  /** Longest clip by default, in seconds. */
  defaultMaxS: number;
  /** Longest clip the platform accepts (the ceiling of `--max-length`). */
  allowedMaxS: number;
  /** Target video bitrate; undefined lets the encoder pick constant quality capped by the output size. */
  videoBitrate?: string;
}

const PORTRAIT = { width: 1080, height: 1920 };

export const PRESETS: Record<PresetName, Preset> = {
  // 8 Mb/s: what YouTube recommends for 1080p uploads; the platforms re-encode anyway
  shorts: { name: 'shorts', size: PORTRAIT, defaultMaxS: 60, allowedMaxS: 180, videoBitrate: '8M' },
  tiktok: { name: 'tiktok', size: PORTRAIT, defaultMaxS: 180, allowedMaxS: 600, videoBitrate: '8M' },
  reels: { name: 'reels', size: PORTRAIT, defaultMaxS: 90, allowedMaxS: 180, videoBitrate: '8M' },
  landscape: { name: 'landscape', defaultMaxS: 600, allowedMaxS: 3600 },
};

/** The longest side of a `landscape` export. */
export const LANDSCAPE_LONG_SIDE = 1920;

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

export function getPreset(name: string): Preset {
  if (!isPresetName(name)) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `--preset "${name}" is not one of ${PRESET_NAMES.join(', ')}.`,
    );
  }
  return PRESETS[name];
}

/** The cap on clip length: the preset's default, or `--max-length` within what the platform allows. */
export function maxClipLength(preset: Preset, requested?: number): number {
  if (requested === undefined) return preset.defaultMaxS;
  if (!Number.isFinite(requested) || requested <= 0) {
    throw new KirinukiError('INVALID_ARGUMENT', `--max-length ${requested} must be a positive number of seconds.`);
  }
  if (requested > preset.allowedMaxS) {
    throw new KirinukiError(
      'INVALID_ARGUMENT',
      `--max-length ${requested} is longer than ${preset.name} allows (${preset.allowedMaxS} s).`,
    );
  }
  return requested;
}

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

/**
 * The output size for a source: the preset's fixed size, or for `landscape` the source's aspect
 * with the long side at most 1920 (never upscaled) and both sides even.
 */
export function outputSize(preset: Preset, source: { width: number; height: number }): { width: number; height: number } {
  if (preset.size) return { ...preset.size };
  const scale = Math.min(1, LANDSCAPE_LONG_SIDE / Math.max(source.width, source.height));
  return { width: even(source.width * scale), height: even(source.height * scale) };
}
