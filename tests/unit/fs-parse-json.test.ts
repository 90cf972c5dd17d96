import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonText } from '../../core/fs/parse-json.js';
import { readVersionedJson } from '../../core/fs/parse-versioned-json.js';
import { readJsonFile } from '../../core/fs/read-json.js';
import { readCommentCache } from '../../core/youtube/comment-cache.js';
import { readOfflineCommentSet } from '../../core/youtube/read-offline-comment-set.js';

const SECRET = 'sk-live-AIzaSyD3cr3tT0k3n-9f8e7d6c5b4a';
/** Each breaks JSON next to the secret, the way V8 would quote it. */
const BROKEN = [
  `{"apiKey": ${SECRET}}`,
  `{"apiKey": "${SECRET}",}`,
  `{"apiKey": "${SECRET}"`,
  `${SECRET}`,
  `{"a": 1,\n "apiKey": "${SECRET}"\n x}`,
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kirinuki-parse-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failureOf(action: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await action();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('did not fail');
}

describe('a JSON parse error names the file and never quotes it', () => {
  it('V8 itself would quote the text (what this guards against)', () => {
    expect(() => JSON.parse(BROKEN[0]!)).toThrow(SECRET.slice(0, 10));
  });

  it.each(BROKEN.map((text, i) => [i, text] as const))('case %i: every reader says "not valid JSON" without the bytes', async (i, text) => {
    const file = join(dir, `broken-${i}.json`);
    await writeFile(file, text);
    const failures = [
      await failureOf(() => readJsonFile(file)),
      await failureOf(() => readOfflineCommentSet(file)),
      await failureOf(() => readVersionedJson(file, { schema: z.object({ schemaVersion: z.number() }), version: 1 })),
    ];
    const projectRoot = join(dir, `root-${i}`);
    await mkdir(join(projectRoot, 'dQ4wT9xYz0A'), { recursive: true });
    await writeFile(join(projectRoot, 'dQ4wT9xYz0A', 'comments.json'), text);
    failures.push(await failureOf(() => readCommentCache(projectRoot, 'dQ4wT9xYz0A')));
    for (const failure of failures) {
      expect(failure.message).toContain('not valid JSON');
      expect(failure.message).not.toContain(SECRET.slice(0, 8));
      expect(failure.message).not.toContain('apiKey');
      expect(failure.message).not.toMatch(/Unexpected token|is not valid JSON"|", "/);
      expect(String((failure as { cause?: unknown }).cause ?? '')).not.toContain(SECRET.slice(0, 8));
    }
    expect(failures.map((f) => f.code)).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'PROJECT_CORRUPT', 'PROJECT_CORRUPT']);
    expect(failures[0]!.message.startsWith(`${file} is not valid JSON`)).toBe(true);
  });

  it('says where, when V8 says at which position, and that an empty file is empty', () => {
    expect(() => parseJsonText('{"a": 1,\n "b": 2\n x}', 'f.json', 'INVALID_ARGUMENT')).toThrow('f.json is not valid JSON (line 3, column 2).');
    expect(() => parseJsonText('  \n', 'f.json', 'INVALID_ARGUMENT')).toThrow('f.json is not valid JSON (it is empty).');
    expect(parseJsonText('{"ok": [1]}', 'f.json', 'INVALID_ARGUMENT')).toEqual({ ok: [1] });
  });
});
