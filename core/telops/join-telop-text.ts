import { breaksAnywhere } from './wrap-caption.js';

/**
 * Two pieces of caption text as one line: a space only between two pieces of spaced script
 * ("Nice to" + "meet you"); Japanese runs on without one ("今日は" + "三人で").
 */
export function joinTelopText(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (left === '' || right === '') return left + right;
  const last = Array.from(left).at(-1) ?? '';
  const first = Array.from(right)[0] ?? '';
  return breaksAnywhere(last) || breaksAnywhere(first) ? left + right : `${left} ${right}`;
}
