import { join } from 'node:path';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import { mergeIntervals, totalLength } from './merge-intervals.js';

export const PEOPLE_EDITS_FILE = 'people.json';

export interface IdentityEdit {
  name?: string;
  hidden?: boolean;
  /** This identity is the same person as that one. */
  mergedInto?: string;
}

/** The user's edits to one video's identities, kept in `<project>/people.json` and applied to every later export. */
export interface PeopleEdits {
  schemaVersion: 1;
  identities: Record<string, IdentityEdit>;
}

/** What applying edits needs of an identity. */
export interface EditableIdentity {
  id: string;
  appearances: Array<[number, number]>;
  totalS: number;
  name?: string;
  hidden?: boolean;
}

export function peopleEditsPath(projectDir: string): string {
  return join(projectDir, PEOPLE_EDITS_FILE);
}

export async function readPeopleEdits(projectDir: string): Promise<PeopleEdits> {
  const path = peopleEditsPath(projectDir);
  const raw = (await readJsonIfExists(path)) as Partial<PeopleEdits> | undefined;
  if (raw === undefined) return { schemaVersion: 1, identities: {} };
  if (typeof raw !== 'object' || raw === null || typeof raw.identities !== 'object' || raw.identities === null) {
    throw new KirinukiError('PROJECT_CORRUPT', `${path} is not a people file (no "identities" object).`);
  }
  return { schemaVersion: 1, identities: raw.identities };
}

/**
 * Changes `<project>/people.json` as one read-modify-write under the project's state lock: the
 * change is made to the file as it is now, so the CLI, the app and the channel's name sync never
 * lose each other's edits. Returns the edits as written.
 */
export function updatePeopleEdits(projectDir: string, change: (edits: PeopleEdits) => PeopleEdits): Promise<PeopleEdits> {
  return withProjectFolderState(projectDir, async () => {
    const next = change(await readPeopleEdits(projectDir));
    await writeJsonAtomic(peopleEditsPath(projectDir), next);
    return next;
  });
}

function edit(edits: PeopleEdits, id: string, change: IdentityEdit): PeopleEdits {
  return { schemaVersion: 1, identities: { ...edits.identities, [id]: { ...edits.identities[id], ...change } } };
}

export function renameIdentity(edits: PeopleEdits, id: string, name: string): PeopleEdits {
  return edit(edits, id, { name: name.trim() || undefined });
}

export function hideIdentity(edits: PeopleEdits, id: string, hidden = true): PeopleEdits {
  return edit(edits, id, { hidden });
}

/** Records that `from` is the same person as `into`; merging into itself or in a loop is refused. */
export function mergeIdentity(edits: PeopleEdits, from: string, into: string): PeopleEdits {
  let target: string | undefined = into;
  for (let hops = 0; target !== undefined && hops < 100; hops += 1) {
    if (target === from) throw new KirinukiError('INVALID_ARGUMENT', `Cannot merge ${from} into ${into}: that would merge it into itself.`);
    target = edits.identities[target]?.mergedInto;
  }
  return edit(edits, from, { mergedInto: into });
}

function finalId(edits: PeopleEdits, id: string, known: Set<string>): string {
  let current = id;
  for (let hops = 0; hops < 100; hops += 1) {
    const next = edits.identities[current]?.mergedInto;
    if (!next || !known.has(next)) return current;
    current = next;
  }
  return current;
}

/** Checks that every id an edit names exists, naming the unknown one. */
export function assertKnownIdentities(ids: string[], known: ReadonlyArray<{ id: string }>): void {
  const set = new Set(known.map((k) => k.id));
  const missing = ids.find((id) => !set.has(id));
  if (missing) {
    throw new KirinukiError('PERSON_NOT_FOUND', `No identity "${missing}" in this video (known: ${[...set].join(', ') || 'none'}).`);
  }
}

/**
 * Applies the user's edits: merged identities fold into their target (appearances united),
 * names are attached and hidden ones flagged. Returns the identities and where each old id went.
 */
export function applyPeopleEdits<T extends EditableIdentity>(
  identities: T[],
  edits: PeopleEdits,
): { identities: Array<T & { name?: string; hidden?: boolean }>; idMap: Map<string, string> } {
  const known = new Set(identities.map((i) => i.id));
  const idMap = new Map(identities.map((i) => [i.id, finalId(edits, i.id, known)] as const));
  const byId = new Map<string, T>();
  for (const identity of identities) {
    const target = idMap.get(identity.id)!;
    const base = byId.get(target) ?? { ...(identities.find((i) => i.id === target) ?? identity), appearances: [] };
    byId.set(target, { ...base, appearances: [...base.appearances, ...identity.appearances] });
  }
  const out = [...byId.values()].map((identity) => {
    const appearances = mergeIntervals(identity.appearances, 0);
    const change = edits.identities[identity.id] ?? {};
    return {
      ...identity,
      appearances,
      totalS: Math.round(totalLength(appearances) * 100) / 100,
      ...(change.name ? { name: change.name } : {}),
      ...(change.hidden ? { hidden: true } : {}),
    };
  });
  return { identities: out, idMap };
}
