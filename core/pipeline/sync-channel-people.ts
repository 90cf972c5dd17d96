import {
  matchPeople,
  readChannelPeople,
  writeChannelPeople,
  type PersonMatch,
  type VideoIdentity,
} from '../project/channel-people.js';
import { isAbsolute } from 'node:path';
import { renameIdentity, updatePeopleEdits } from '../faces/people-edits.js';
import { projectDir } from '../project/project-dir.js';
import type { ProjectIdentity } from '../project/project-schema.js';
import { readProject } from '../project/project-store.js';

/**
 * Channel names reach the video's own people.json, so `kirinuki clips --per-person` uses them too.
 * The channel's name of a person wins; a name given in one video only names an unnamed person.
 */
export async function nameInVideoEdits(dir: string, identities: ProjectIdentity[], matches: PersonMatch[]): Promise<void> {
  const renamed = matches.filter((m) => m.name && identities.find((i) => i.id === m.identityId)?.name !== m.name);
  if (renamed.length === 0) return;
  await updatePeopleEdits(dir, (edits) =>
    renamed.reduce((next, match) => renameIdentity(next, match.identityId, match.name ?? ''), edits),
  );
}

let queue: Promise<unknown> = Promise.resolve();

/** people.json is shared by every video of a channel: concurrent videos take turns with it. */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.catch(() => undefined).then(task);
  queue = next;
  return next;
}

/**
 * Matches a video's identities with the channel's known people (`<out>/people.json`) and writes
 * the result both ways: new people join the registry, and each identity gets its person's id and
 * name, so a name given once applies to every video. Returns the identities as now named.
 */
export function syncChannelPeople(out: string, videoId: string): Promise<ProjectIdentity[] | undefined> {
  return serialised(async () => {
    const identities = (await readProject(out, videoId))?.identities ?? [];
    const described: VideoIdentity[] = identities
      .filter((i) => i.descriptor && !i.hidden)
      // people.json names thumbnails from the projects root, project.json from the video's folder
      .map((i) => ({ ...i, thumbnail: i.thumbnail ? (isAbsolute(i.thumbnail) ? i.thumbnail : `${videoId}/${i.thumbnail}`) : undefined }));
    if (described.length === 0) return undefined;
    const { registry, matches } = matchPeople(await readChannelPeople(out), videoId, described);
    await writeChannelPeople(out, registry);
    await nameInVideoEdits(projectDir(out, videoId), identities, matches);
    const byIdentity = new Map(matches.map((m) => [m.identityId, m]));
    return identities.map((identity) => {
      const match = byIdentity.get(identity.id);
      if (!match) return identity;
      return { ...identity, personId: match.personId, ...(match.name ? { name: match.name } : {}) };
    });
  });
}
