import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import telopStyles from './telop-styles.json' with { type: 'json' };

/** `#RGB`, `#RRGGBB` or `#RRGGBBAA`: what both the canvas and the app's CSS read the same way. */
const colour = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i, 'a colour is #RGB, #RRGGBB or #RRGGBBAA');

const styleSchema = z.object({
  /** What the style picker shows. */
  label: z.string().min(1),
  /** Font size as a share of the frame's width, of its height when landscape (0.062 → 67 px on a 1080 x 1920 short). */
  fontSize: z.number().min(0.02).max(0.15),
  /** Words not highlighted. */
  text: colour,
  outline: colour,
  /** The outline's visible thickness as a share of the font size; 0 draws none. */
  outlineWidth: z.number().min(0).max(0.5),
  /** A box behind each line; padding and corner radius as shares of the font size. */
  box: z.object({ color: colour, padding: z.number().min(0).max(1), radius: z.number().min(0).max(1) }).optional(),
  /** The word being said (word-timed tracks). */
  active: colour,
  /** Words already said; absent, they keep the `text` colour (the whole line stays readable). */
  spoken: colour.optional(),
  /** Reactions: （笑） and the ♪ of music tags. */
  reaction: colour,
});

const stylesFileSchema = z.object({ default: z.string(), styles: z.record(z.string(), styleSchema) });

export type TelopStyle = z.infer<typeof styleSchema> & { name: string };

const STYLES = parseStylesFile(telopStyles);

/** The style used when none is chosen. */
export const DEFAULT_TELOP_STYLE: string = STYLES.default;

/** The preset names, in the order of telop-styles.json (for `--caption-style` help and the picker). */
export const TELOP_STYLE_NAMES: readonly string[] = Object.keys(STYLES.styles);

/** A preset by name; an unknown name is INVALID_ARGUMENT listing the known ones. */
export function telopStyle(name: string): TelopStyle {
  const style = Object.hasOwn(STYLES.styles, name) ? STYLES.styles[name] : undefined;
  if (!style) {
    throw new KirinukiError('INVALID_ARGUMENT', `Unknown caption style "${name}"; the styles are ${TELOP_STYLE_NAMES.join(', ')}.`);
  }
  return { ...style, name };
}

/** Checked once at load: a broken data file is a build mistake, so it fails every use loudly. */
function parseStylesFile(raw: unknown): z.infer<typeof stylesFileSchema> {
  const parsed = stylesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KirinukiError('INTERNAL', `telop-styles.json is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}.`);
  }
  if (!Object.hasOwn(parsed.data.styles, parsed.data.default)) {
    throw new KirinukiError('INTERNAL', `telop-styles.json names "${parsed.data.default}" as default, which is not one of its styles.`);
  }
  return parsed.data;
}
