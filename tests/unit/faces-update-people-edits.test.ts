import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hideIdentity,
  mergeIdentity,
  readPeopleEdits,
  renameIdentity,
  updatePeopleEdits,
  type PeopleEdits,
} from '../../core/faces/people-edits.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-people-edits-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('updatePeopleEdits', () => {
  it('loses no edit when ten writers change one video\'s people.json at once', async () => {
    const dir = join(root, 'tenEditors1');
    // as the CLI's --name/--hide/--merge, the app's rename/hide/merge and the channel's name sync would
    const changes = Array.from({ length: 10 }, (_, i): ((edits: PeopleEdits) => PeopleEdits) => {
      const id = `person-${i + 1}`;
      if (i % 3 === 0) return (edits) => renameIdentity(edits, id, `Name ${i}`);
      if (i % 3 === 1) return (edits) => hideIdentity(edits, id);
      return (edits) => mergeIdentity(edits, id, 'person-1');
    });
    await Promise.all(changes.map((change) => updatePeopleEdits(dir, change)));

    const edits = await readPeopleEdits(dir);
    expect(Object.keys(edits.identities).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `person-${i + 1}`).sort());
    for (let i = 0; i < 10; i += 1) {
      const edit = edits.identities[`person-${i + 1}`];
      if (i % 3 === 0) expect(edit?.name).toBe(`Name ${i}`);
      else if (i % 3 === 1) expect(edit?.hidden).toBe(true);
      else expect(edit?.mergedInto).toBe('person-1');
    }
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('writes nothing when the change is refused, and frees the lock for the next edit', async () => {
    const dir = join(root, 'refusedEdit');
    await updatePeopleEdits(dir, (edits) => mergeIdentity(edits, 'person-2', 'person-1'));
    await expect(updatePeopleEdits(dir, (edits) => mergeIdentity(edits, 'person-1', 'person-2'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await updatePeopleEdits(dir, (edits) => renameIdentity(edits, 'person-1', 'Alice'));
    expect((await readPeopleEdits(dir)).identities).toEqual({ 'person-1': { name: 'Alice' }, 'person-2': { mergedInto: 'person-1' } });
  });
});
