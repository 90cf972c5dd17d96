import { KirinukiError } from '../errors.js';

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** `PT1H2M3S`, `P1DT2H`, `PT45S` → seconds. `field` names the value in the error. */
export function parseIsoDuration(text: string, field = 'duration'): number {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new KirinukiError('INVALID_ARGUMENT', `${field} "${text}" is not an ISO-8601 duration.`);
  }
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = match;
  return ((Number(w) * 7 + Number(d)) * 24 + Number(h)) * 3600 + Number(m) * 60 + Number(s);
}
