/** How a landscape frame becomes portrait: the one list every option, schema and help text uses. */
export const CROP_MODES = ['follow', 'center', 'blur'] as const;

export type CropOption = (typeof CROP_MODES)[number];
