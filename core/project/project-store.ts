import { writeJsonAtomic } from '../fs/atomic-write.js';
import { readVersionedJson } from '../fs/parse-versioned-json.js';
import { fingerprint } from './fingerprint.js';
import { projectFile } from './project-dir.js';
import { withProjectState } from './project-lock.js';
import { PROJECT_SCHEMA_VERSION, projectSchema, type Project, type StageName } from './project-schema.js';

export const PROJECT_FILE = 'project.json';

const PROJECT_JSON = { schema: projectSchema, version: PROJECT_SCHEMA_VERSION };

export function projectJsonPath(root: string | undefined, videoId: string): string {
  return projectFile(root, videoId, PROJECT_FILE);
}

/** The project of a video, or undefined when it has none yet (corrupt: PROJECT_CORRUPT, newer: PROJECT_TOO_NEW). */
export async function readProject(root: string | undefined, videoId: string): Promise<Project | undefined> {
  return (await readVersionedJson(projectJsonPath(root, videoId), PROJECT_JSON)) as Project | undefined;
}

function newProject(videoId: string, source: string): Project {
  const now = new Date().toISOString();
  return { schemaVersion: PROJECT_SCHEMA_VERSION, videoId, source, createdAt: now, updatedAt: now, stages: {} };
}

/** A change of a project: a patch, or a function of the project as it is on disk now. */
export type ProjectChange = Partial<Project> | ((project: Project) => Partial<Project>);

/**
 * Applies a change to `<root>/<videoId>/project.json` as one read-modify-write under the
 * project's state lock: the change is made to the file as it is now, never to a copy read
 * earlier, so two writers cannot lose each other's updates. Written atomically.
 */
export async function updateProject(root: string | undefined, videoId: string, source: string, change: ProjectChange): Promise<Project> {
  return withProjectState(root, videoId, async () => {
    const current = (await readProject(root, videoId)) ?? newProject(videoId, source);
    const patch = typeof change === 'function' ? change(current) : change;
    const next: Project = { ...current, ...patch, updatedAt: new Date().toISOString() };
    await writeJsonAtomic(projectJsonPath(root, videoId), next);
    return next;
  });
}

/** True when the stage completed with exactly these inputs. */
export function isStageComplete(project: Project, stage: StageName, inputs: unknown): boolean {
  const state = project.stages[stage];
  return state?.status === 'complete' && state.fingerprint === fingerprint(inputs);
}
