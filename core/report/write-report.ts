import { isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { readChannelPeople, type ChannelPeople } from '../project/channel-people.js';
import type { ChannelManifest } from '../project/channel-manifest.js';
import { readProject } from '../project/project-store.js';
import type { Project } from '../project/project-schema.js';
import type { ReportData, ReportPerson, ReportVideo } from './report-data.js';
import { renderReport } from './render-report.js';

export const REPORT_FILE = 'report.html';

/** A path stored in a project (absolute or relative to its folder) made relative to the projects root. */
function fromRoot(out: string, videoId: string, path: string): string {
  const absolute = isAbsolute(path) ? path : join(out, videoId, path);
  return relative(out, absolute);
}

function peopleOf(out: string, project: Project, registry: ChannelPeople): ReportPerson[] {
  return (project.identities ?? [])
    .filter((identity) => !identity.hidden)
    .map((identity) => {
      const person = registry.people.find((p) => p.id === identity.personId);
      // the identity's own face (in its project folder), else the person's (named from the root)
      const thumbnail = identity.thumbnail ? fromRoot(out, project.videoId, identity.thumbnail) : person?.thumbnail;
      return {
        id: identity.personId ?? identity.id,
        name: person?.name ?? identity.name,
        totalS: identity.totalS,
        thumbnail,
      };
    });
}

async function reportVideo(out: string, video: ChannelManifest['videos'][number], registry: ChannelPeople): Promise<ReportVideo> {
  const base = { id: video.id, title: video.title, status: video.status, error: video.error, reason: video.reason };
  let project: Project | undefined;
  try {
    project = await readProject(out, video.id);
  } catch {
    project = undefined; // a broken project must not take the whole report down; its status says why
  }
  if (!project) return { ...base, moments: [], people: [], clips: [] };
  return {
    ...base,
    durationS: project.video?.durationS,
    moments: project.moments ?? [],
    people: peopleOf(out, project, registry),
    clips: (project.clips ?? []).map((c) => ({ ...c, path: fromRoot(out, video.id, c.path) })),
  };
}

/** Writes `<out>/report.html` from channel.json, every project.json and people.json. */
export async function writeChannelReport(
  out: string,
  manifest: ChannelManifest,
  quota?: { units: number; requests: number },
): Promise<string> {
  const root = resolve(out);
  const registry = await readChannelPeople(root).catch(() => ({ schemaVersion: 1, people: [] }));
  const videos = await Promise.all(manifest.videos.map((v) => reportVideo(root, v, registry)));
  const data: ReportData = { channel: manifest.channel, generatedAt: new Date().toISOString(), quota, videos };
  const stopped = manifest.runs.at(-1)?.stopped;
  if (stopped) data.stopped = stopped;
  const path = join(root, REPORT_FILE);
  await writeFileAtomic(path, renderReport(data));
  return path;
}
