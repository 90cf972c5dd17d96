// zod and the limits only: the app contract (checked as browser code) validates edits with it.
import { z } from 'zod';
import { DESCRIPTION_MAX, TAGS_MAX, TITLE_MAX, descriptionLength, tagsLength } from './upload-text-limits.js';

const NO_ANGLES = /^[^<>]*$/;

/** An upload text as a user may set it: within YouTube's limits, no '<' or '>'. */
export const uploadTextSchema = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX).regex(NO_ANGLES, 'YouTube refuses "<" and ">"'),
  description: z.string().max(DESCRIPTION_MAX).regex(NO_ANGLES, 'YouTube refuses "<" and ">"')
    .refine((d) => descriptionLength(d) <= DESCRIPTION_MAX, `the description is longer than YouTube's ${DESCRIPTION_MAX} bytes (a Japanese character is 3)`),
  tags: z.array(z.string().trim().min(1).max(100).regex(/^[^<>,]*$/, 'a tag may not hold "<", ">" or ","'))
    .max(100)
    .refine((tags) => tagsLength(tags) <= TAGS_MAX, `the tags are longer than YouTube's ${TAGS_MAX} characters`),
});
