import { join, resolve } from 'node:path';
import { z } from 'zod';
import { KirinukiError } from '../errors.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';

export const CHANNEL_PEOPLE_FILE = 'people.json';
const PEOPLE_VERSION = 1;
/** face-api descriptors: same person 0.34–0.57, different people 0.62–1.01 (measured on stills). */
export const DEFAULT_PERSON_MATCH_THRESHOLD = 0.55;
/** A few descriptors per person (different videos, lighting) match better than one average. */
const MAX_DESCRIPTORS_PER_PERSON = 8;

const appearanceSchema = z.object({ identityId: z.string(), totalS: z.number() });

const personSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** Thumbnail path relative to the projects root. */
  thumbnail: z.string().optional(),
  descriptors: z.array(z.array(z.number())),
  /** videoId → the identity in that video and its screen time. */
  videos: z.record(z.string(), appearanceSchema),
});

const peopleFileSchema = z.object({
  schemaVersion: z.number().int().positive(),
  people: z.array(personSchema),
});

export type ChannelPerson = z.infer<typeof personSchema>;
export type ChannelPeople = z.infer<typeof peopleFileSchema>;

/** One identity of one video, as the faces stage gives it. */
export interface VideoIdentity {
  id: string;
  name?: string;
  totalS: number;
  thumbnail?: string;
  descriptor?: number[];
}

export function channelPeoplePath(out: string): string {
  return join(resolve(out), CHANNEL_PEOPLE_FILE);
}

export async function readChannelPeople(out: string): Promise<ChannelPeople> {
  const people = await readVersionedJson(channelPeoplePath(out), { schema: peopleFileSchema, version: PEOPLE_VERSION });
  return people ?? { schemaVersion: PEOPLE_VERSION, people: [] };
}

export async function writeChannelPeople(out: string, people: ChannelPeople): Promise<void> {
  await writeJsonAtomic(channelPeoplePath(out), people);
}

export function descriptorDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(sum);
}

function distanceToPerson(person: ChannelPerson, descriptor: readonly number[]): number {
  return Math.min(...person.descriptors.map((d) => descriptorDistance(d, descriptor)));
}

function nextPersonId(people: ChannelPerson[]): string {
  const used = new Set(people.map((p) => p.id));
  let n = people.length + 1;
  while (used.has(`P${n}`)) n += 1;
  // not `person-N`: that is how the faces stage names the identities of one video
  return `P${n}`;
}

export interface PersonMatch {
  identityId: string;
  personId: string;
  /** The person's name, from this video or any earlier one. */
  name?: string;
  isNew: boolean;
}

/**
 * Matches one video's identities against the channel's people by descriptor distance: a match
 * takes the person's id (and name), anything farther than the threshold becomes a new person.
 * Two identities of the same video never map to the same person. Returns the updated registry.
 */
export function matchPeople(
  registry: ChannelPeople,
  videoId: string,
  identities: VideoIdentity[],
  threshold = DEFAULT_PERSON_MATCH_THRESHOLD,
): { registry: ChannelPeople; matches: PersonMatch[] } {
  const people = registry.people
    .map((p) => ({ ...p, videos: Object.fromEntries(Object.entries(p.videos).filter(([v]) => v !== videoId)) }))
    .map((p) => structuredClone(p));
  const candidates = identities.flatMap((identity) =>
    identity.descriptor
      ? people.map((person) => ({ identity, person, distance: distanceToPerson(person, identity.descriptor ?? []) }))
      : [],
  );
  candidates.sort((a, b) => a.distance - b.distance);
  const taken = new Map<string, ChannelPerson>();
  const usedPeople = new Set<string>();
  for (const { identity, person, distance } of candidates) {
    if (distance > threshold) break;
    if (taken.has(identity.id) || usedPeople.has(person.id)) continue;
    taken.set(identity.id, person);
    usedPeople.add(person.id);
  }
  const matches: PersonMatch[] = [];
  for (const identity of identities) {
    if (!identity.descriptor) continue;
    let person = taken.get(identity.id);
    const isNew = person === undefined;
    if (!person) {
      person = { id: nextPersonId(people), descriptors: [], videos: {} };
      people.push(person);
    }
    const known = person.descriptors.some((d) => descriptorDistance(d, identity.descriptor ?? []) < 1e-6);
    if (!known && person.descriptors.length < MAX_DESCRIPTORS_PER_PERSON) person.descriptors.push(identity.descriptor);
    if (!person.name && identity.name) person.name = identity.name;
    if (!person.thumbnail && identity.thumbnail) person.thumbnail = identity.thumbnail;
    person.videos[videoId] = { identityId: identity.id, totalS: identity.totalS };
    matches.push({ identityId: identity.id, personId: person.id, name: person.name, isNew });
  }
  return { registry: { schemaVersion: PEOPLE_VERSION, people }, matches };
}

/** Gives a person a name (applies to every video they appear in); unknown id → PERSON_NOT_FOUND. */
export function renamePerson(registry: ChannelPeople, personId: string, name: string): ChannelPeople {
  const found = registry.people.some((p) => p.id === personId);
  if (!found) throw new KirinukiError('PERSON_NOT_FOUND', `No person "${personId}" in this channel's people.json.`);
  return {
    ...registry,
    people: registry.people.map((p) => (p.id === personId ? { ...p, name: name.trim() || undefined } : p)),
  };
}
