import { readChannelManifest } from '../project/channel-manifest.js';
import type { ChannelPeople } from '../project/channel-people.js';
import { projectDir } from '../project/project-dir.js';
import { ProjectStore, readProject } from '../project/project-store.js';
import { nameInVideoEdits } from './sync-channel-people.js';
import { writeChannelReport } from '../report/write-report.js';

/**
 * After `kirinuki people --name`: writes the person's new name into every video they appear in
 * (project.json and the video's people.json) and refreshes report.html, so it shows everywhere now.
 */
export async function applyPersonNames(out: string, registry: ChannelPeople, personIds: string[]): Promise<void> {
  for (const person of registry.people.filter((p) => personIds.includes(p.id))) {
    for (const [videoId, seen] of Object.entries(person.videos)) {
      if (!(await readProject(out, videoId))) continue;
      const store = await ProjectStore.open(out, videoId, videoId);
      const identities = store.project.identities ?? [];
      const match = { identityId: seen.identityId, personId: person.id, name: person.name, isNew: false };
      await nameInVideoEdits(projectDir(out, videoId), identities, [match]);
      await store.update({
        identities: identities.map((i) => (i.id === seen.identityId ? { ...i, name: person.name } : i)),
      });
    }
  }
  const manifest = await readChannelManifest(out);
  if (manifest) await writeChannelReport(out, manifest);
}
