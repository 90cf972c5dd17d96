import { writeJsonAtomic } from '../fs/atomic-write.js';
import { parseVersionedJson, readVersionedJson } from '../fs/parse-versioned-json.js';
import { toErrorPayload } from '../errors.js';
import { projectFile } from './project-dir.js';
import { fingerprint } from './fingerprint.js';
import {
  PROJECT_SCHEMA_VERSION,
  projectSchema,
  type Project,
  type StageName,
} from './project-schema.js';

export const PROJECT_FILE = 'project.json';

const PROJECT_JSON = { schema: projectSchema, version: PROJECT_SCHEMA_VERSION };

export function projectJsonPath(root: string | undefined, videoId: string): string {
  return projectFile(root, videoId, PROJECT_FILE);
}

/** Parses project.json text: corrupt → PROJECT_CORRUPT, newer schema → PROJECT_TOO_NEW, both naming the file. */
export function parseProject(text: string, path: string): Project {
  return parseVersionedJson(text, path, PROJECT_JSON) as Project;
}

/** The project of a video, or undefined when it has none yet. */
export async function readProject(root: string | undefined, videoId: string): Promise<Project | undefined> {
  return (await readVersionedJson(projectJsonPath(root, videoId), PROJECT_JSON)) as Project | undefined;
}

function newProject(videoId: string, source: string): Project {
  const now = new Date().toISOString();
  return { schemaVersion: PROJECT_SCHEMA_VERSION, videoId, source, createdAt: now, updatedAt: now, stages: {} };
}

/**
 * One video's project.json: every change is written atomically, so a crash leaves the last
 * complete state and a re-run skips the stages whose input fingerprint is unchanged.
 */
export class ProjectStore {
  private constructor(
    readonly path: string,
    private current: Project,
  ) {}

  static async open(root: string | undefined, videoId: string, source: string): Promise<ProjectStore> {
    const existing = await readProject(root, videoId);
    const store = new ProjectStore(projectJsonPath(root, videoId), existing ?? newProject(videoId, source));
    if (!existing) await store.save();
    return store;
  }

  get project(): Project {
    return this.current;
  }

  /** True when the stage completed with exactly these inputs. */
  isComplete(stage: StageName, inputs: unknown): boolean {
    const state = this.current.stages[stage];
    return state?.status === 'complete' && state.fingerprint === fingerprint(inputs);
  }

  async completeStage(stage: StageName, inputs: unknown, patch: Partial<Project>): Promise<void> {
    const state = { status: 'complete' as const, fingerprint: fingerprint(inputs), completedAt: new Date().toISOString() };
    await this.update({ ...patch, stages: { ...this.current.stages, [stage]: state } });
  }

  async failStage(stage: StageName, inputs: unknown, error: unknown): Promise<void> {
    const state = {
      status: 'failed' as const,
      fingerprint: fingerprint(inputs),
      completedAt: new Date().toISOString(),
      error: toErrorPayload(error),
    };
    await this.update({ stages: { ...this.current.stages, [stage]: state } });
  }

  /** Forgets a stage (and so everything that must be redone after it). */
  async invalidate(...stages: StageName[]): Promise<void> {
    const next = { ...this.current.stages };
    for (const stage of stages) delete next[stage];
    await this.update({ stages: next });
  }

  async update(patch: Partial<Project>): Promise<void> {
    this.current = { ...this.current, ...patch, updatedAt: new Date().toISOString() };
    await this.save();
  }

  private async save(): Promise<void> {
    await writeJsonAtomic(this.path, this.current);
  }
}
