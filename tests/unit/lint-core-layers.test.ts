import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = resolve(import.meta.dirname, '../../core');
// the lint config is plain JavaScript: read its table as data
const CONFIG: string = '../../eslint.config.js';
const layers = ((await import(CONFIG)) as { CORE_LAYERS: Record<string, string[]> }).CORE_LAYERS;

/** A folder path that leads back to where it started, or null. */
function findCycle(): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, path: string[]): string[] | null => {
    if (state.get(folder) === 'open') return [...path, folder];
    if (state.get(folder) === 'done') return null;
    state.set(folder, 'open');
    for (const next of layers[folder] ?? []) {
      const cycle = visit(next, [...path, folder]);
      if (cycle) return cycle;
    }
    state.set(folder, 'done');
    return null;
  };
  for (const folder of Object.keys(layers)) {
    const cycle = visit(folder, []);
    if (cycle) return cycle;
  }
  return null;
}

describe('the core/ layers the lint enforces', () => {
  it('allow no import cycle between core/ folders', () => {
    expect(findCycle()).toBeNull();
  });

  it('name every core/ folder, so none escapes the rule', () => {
    const folders = readdirSync(CORE, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(Object.keys(layers).sort()).toEqual(folders);
    for (const allowed of Object.values(layers)) for (const folder of allowed) expect(folders).toContain(folder);
  });
});
