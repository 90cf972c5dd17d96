import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGuidelineNames, loadGuidelines, parseGuidelines } from '../../core/guidelines/load-guidelines.js';
import { errorOf } from '../helpers/caption-asserts.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-guidelines-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function profileFile(name: string, value: unknown): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('guidelines profiles', () => {
  it('ships example profiles, each marked as an example with a note that the user is responsible', async () => {
    const names = await listGuidelineNames();
    expect(names).toEqual(expect.arrayContaining(['example-agency', 'example-relaxed', 'example-strict']));
    for (const name of names) {
      const profile = await loadGuidelines(name);
      expect(profile.name).toBe(name);
      expect(profile.example).toBe(true);
      expect(profile.note).toMatch(/you are responsible/i);
    }
  });

  it('loads a file by path with only a name', async () => {
    const path = await profileFile('mine.json', { name: 'my channel' });
    expect(await loadGuidelines(path)).toEqual({ name: 'my channel' });
  });

  it('a bad profile is GUIDELINES_INVALID naming the file and the field', async () => {
    const share = await profileFile('share.json', { name: 'x', maxShare: 1.5 });
    const error = await rejection(loadGuidelines(share));
    expect(error.code).toBe('GUIDELINES_INVALID');
    expect(error.message).toContain(share);
    expect(error.message).toContain('"maxShare"');
    const refuse = await rejection(loadGuidelines(await profileFile('refuse.json', { name: 'x', refuse: ['members'] })));
    expect(refuse.message).toContain('"refuse.0"');
    const typo = await rejection(loadGuidelines(await profileFile('typo.json', { name: 'x', maxclipS: 60 })));
    expect(typo.message).toMatch(/unknown field\(s\) "maxclipS"/);
    const noName = errorOf(() => parseGuidelines({ maxClipS: 60 }, 'settings'));
    expect(noName.message).toContain('"name"');
    const broken = await rejection(loadGuidelines(await profileFile('broken.json', '{"name": ')));
    expect(broken.code).toBe('GUIDELINES_INVALID');
    expect(broken.message).toContain('broken.json is not valid JSON');
  });

  it('an unknown name lists the shipped ones; a missing file is FILE_NOT_FOUND', async () => {
    const unknown = await rejection(loadGuidelines('hololive'));
    expect(unknown.code).toBe('FILE_NOT_FOUND');
    expect(unknown.message).toContain('example-strict');
    expect((await rejection(loadGuidelines(join(scratch, 'nope.json')))).code).toBe('FILE_NOT_FOUND');
    // a name never reaches outside the profiles folder
    expect((await rejection(loadGuidelines('..'))).code).toBe('FILE_NOT_FOUND');
  });
});
