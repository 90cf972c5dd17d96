/** One timestamp found in a comment, in seconds; `end` when the comment gave a range. */
export interface ParsedTimestamp {
  t: number;
  end?: number;
}

export interface ParseTimestampsOptions {
  /** The video's duration: timestamps past it are dropped (an end past it is dropped alone). */
  maxS?: number;
}

interface Token {
  index: number;
  length: number;
  t: number | undefined;
}

// Lookarounds follow YouTube's linkification: a timestamp is a whole run of digits and colons,
// so `5:255:25` is one invalid run rather than a valid `55:25` inside it. Japanese text may touch
// a timestamp (`ここ5:01好き`), ASCII letters may not (`v1:23`). Group 4 catches a fourth part.
const COLON_FORM = /(?<![A-Za-z0-9_:])(\d+):(\d+)(?::(\d+))?((?::\d+)*)(?![A-Za-z0-9_]|:\d)/g;
const JAPANESE_FORM = /(?<!\d)(?:(\d+)時間)?(\d+)分(\d{1,2})秒/g;
const RANGE_SEPARATOR = /^\s*[-~〜～\u2010-\u2015\u2212]\s*$/;
const MAY_HOLD_DIGIT = /[0-9０-９]/;
const FULL_WIDTH = /[０-９：]/g;

/** Full-width digits and colon become ASCII, one UTF-16 unit for one, so indexes stay valid. */
function normaliseWidth(text: string): string {
  if (text.search(FULL_WIDTH) === -1) return text;
  return text.replace(FULL_WIDTH, (ch) => (ch === '：' ? ':' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

const below60 = (digits: string): boolean => digits.length === 2 && digits < '60';

/** `M:SS`, `MM:SS` or `H:MM:SS`; undefined for any other run of digits and colons. */
function colonSeconds(first: string, second: string, third: string | undefined, extra: string): number | undefined {
  if (extra !== '') return undefined;
  if (third === undefined) {
    if (first.length > 2 || Number(first) >= 60 || !below60(second)) return undefined;
    return Number(first) * 60 + Number(second);
  }
  if (!below60(second) || !below60(third)) return undefined;
  return Number(first) * 3600 + Number(second) * 60 + Number(third);
}

function japaneseSeconds(hours: string | undefined, minutes: string, seconds: string): number | undefined {
  if (Number(seconds) >= 60) return undefined;
  if (hours !== undefined && Number(minutes) >= 60) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
}

function findTokens(text: string): Token[] {
  const tokens: Token[] = [];
  COLON_FORM.lastIndex = 0;
  for (let m = COLON_FORM.exec(text); m; m = COLON_FORM.exec(text)) {
    tokens.push({ index: m.index, length: m[0].length, t: colonSeconds(m[1]!, m[2]!, m[3], m[4]!) });
  }
  if (!text.includes('分')) return tokens;
  JAPANESE_FORM.lastIndex = 0;
  for (let m = JAPANESE_FORM.exec(text); m; m = JAPANESE_FORM.exec(text)) {
    tokens.push({ index: m.index, length: m[0].length, t: japaneseSeconds(m[1], m[2]!, m[3]!) });
  }
  return tokens.sort((a, b) => a.index - b.index);
}

function isRange(text: string, from: Token, to: Token | undefined): boolean {
  if (!to || from.t === undefined || to.t === undefined || to.t <= from.t) return false;
  return RANGE_SEPARATOR.test(text.slice(from.index + from.length, to.index));
}

/**
 * Every timestamp in a comment, in order of appearance: `M:SS`, `MM:SS`, `H:MM:SS` (minutes and
 * seconds below 60, hours unbounded), full-width forms, `12分3秒` / `1時間2分3秒`, and ranges
 * joined by `-`, `~`, `〜` or `～`. An invalid run (`12:3`, `1:1:1`, `99:99`) yields nothing.
 */
export function parseTimestamps(text: string, options: ParseTimestampsOptions = {}): ParsedTimestamp[] {
  if (!MAY_HOLD_DIGIT.test(text)) return [];
  const normalised = normaliseWidth(text);
  const tokens = findTokens(normalised);
  const maxS = options.maxS ?? Number.POSITIVE_INFINITY;
  const found: ParsedTimestamp[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.t === undefined) continue;
    const next = tokens[i + 1];
    const range = isRange(normalised, token, next);
    if (range) i += 1;
    if (token.t > maxS) continue;
    const end = range ? next!.t! : undefined;
    found.push(end !== undefined && end <= maxS ? { t: token.t, end } : { t: token.t });
  }
  return found;
}
