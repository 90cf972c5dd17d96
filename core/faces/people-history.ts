/**
 * Undo / redo of the app's people edits (rename, hide, merge): each change keeps the people file
 * as it was before it in `<project>/people-history.json`, up to HISTORY_LIMIT steps, written under
 * the same project lock as `people.json` so the two never disagree.
 */
import { join } from 'node:path';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readJsonIfExists } from '../fs/read-json.js';
import { withProjectFolderState } from '../project/project-lock.js';
import { peopleEditsPath, readPeopleEdits, type PeopleEdits } from './people-edits.js';

export const PEOPLE_HISTORY_FILE = 'people-history.json';
/** How many people edits undo can go back. */
export const PEOPLE_HISTORY_LIMIT = 100;

export interface PeopleHistory {
  undo: PeopleEdits[];
  redo: PeopleEdits[];
}

const historyPath = (projectDir: string) => join(projectDir, PEOPLE_HISTORY_FILE);

const isEdits = (value: unknown): value is PeopleEdits =>
  typeof value === 'object' && value !== null && typeof (value as PeopleEdits).identities === 'object' && (value as PeopleEdits).identities !== null;

/** The undo / redo steps kept for a project; an unreadable history is treated as none (it only loses undo). */
export async function readPeopleHistory(projectDir: string): Promise<PeopleHistory> {
  const raw = (await readJsonIfExists(historyPath(projectDir)).catch(() => undefined)) as Partial<PeopleHistory> | undefined;
  const steps = (list: unknown) => (Array.isArray(list) ? list.filter(isEdits).map((e) => ({ schemaVersion: 1 as const, identities: e.identities })) : []);
  return { undo: steps(raw?.undo), redo: steps(raw?.redo) };
}

/** Changes `people.json` like updatePeopleEdits, keeping the file as it was as one undo step (and clearing redo). */
export function updatePeopleEditsWithHistory(projectDir: string, change: (edits: PeopleEdits) => PeopleEdits): Promise<PeopleEdits> {
  return withProjectFolderState(projectDir, async () => {
    const before = await readPeopleEdits(projectDir);
    const next = change(before);
    const history = await readPeopleHistory(projectDir);
    await writeJsonAtomic(peopleEditsPath(projectDir), next);
    await writeJsonAtomic(historyPath(projectDir), { undo: [...history.undo, before].slice(-PEOPLE_HISTORY_LIMIT), redo: [] });
    return next;
  });
}

/** Steps back (undo) or forward (redo) one people edit; refuses when there is none. */
export function stepPeopleHistory(projectDir: string, direction: 'undo' | 'redo'): Promise<PeopleEdits> {
  return withProjectFolderState(projectDir, async () => {
    const history = await readPeopleHistory(projectDir);
    const from = direction === 'undo' ? history.undo : history.redo;
    const target = from.at(-1);
    if (!target) throw new KirinukiError('INVALID_ARGUMENT', `There is no people edit to ${direction}.`);
    const current = await readPeopleEdits(projectDir);
    const rest = from.slice(0, -1);
    const other = [...(direction === 'undo' ? history.redo : history.undo), current].slice(-PEOPLE_HISTORY_LIMIT);
    await writeJsonAtomic(peopleEditsPath(projectDir), target);
    await writeJsonAtomic(historyPath(projectDir), direction === 'undo' ? { undo: rest, redo: other } : { undo: other, redo: rest });
    return target;
  });
}
