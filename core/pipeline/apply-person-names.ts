import { readChannelManifest } from '../project/channel-manifest.js';
import type { ChannelPeople } from '../project/channel-people.js';
import { projectDir } from '../project/project-dir.js';
import { readProject, updateProject } from '../project/project-store.js';
import { nameInVideoEdits } from './sync-channel-people.js';
import { writeChannelReport } from '../report/write-report.js';

/**
 * After `kirinuki people --name`: writes the person's new name into every video they appear in
 * (project.json and the video's people.json) and refreshes report.html, so it shows everywhere now.
 */
export async function applyPersonNames(out: string, registry: ChannelPeople, personIds: string[]): Promise<void> {
  for (const person of registry.people.filter((p) => personIds.includes(p.id))) {
    for (const [videoId, seen] of Object.entries(person.videos)) {
      const project = await readProject(out, videoId);
      if (!project) continue;
      const match = { identityId: seen.identityId, personId: person.id, name: person.name, isNew: false };
      await nameInVideoEdits(projectDir(out, videoId), project.identities ?? [], [match]);
      await updateProject(out, videoId, videoId, (current) => ({
        identities: (current.identities ?? []).map((i) => (i.id === seen.identityId ? { ...i, name: person.name } : i)),
      }));
    }
  }
  const manifest = await readChannelManifest(out);
  if (manifest) await writeChannelReport(out, manifest);
}
