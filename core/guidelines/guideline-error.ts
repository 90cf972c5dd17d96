import { KirinukiError, type ErrorCode } from '../errors.js';
import type { GuidelinesProfile } from './guidelines-profile.js';

/** `Guideline "<rule>" of profile "<name>" …`: one sentence naming the rule, the profile and the value. */
export function guidelineError(code: ErrorCode, rule: keyof GuidelinesProfile, profile: GuidelinesProfile, rest: string): KirinukiError {
  return new KirinukiError(code, `Guideline "${rule}" of profile "${profile.name}" ${rest}`);
}
