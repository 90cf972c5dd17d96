import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppState, updateAppState } from '../../core/app/app-state.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-app-state-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the app state of a project', () => {
  it('keeps every one of ten moment edits made at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateAppState(root, 'tenEdits001', (state) => ({ ...state, momentEdits: { ...state.momentEdits, [String(i + 1)]: { enabled: i % 2 === 0 } } })),
      ),
    );
    const state = await readAppState(root, 'tenEdits001');
    expect(Object.keys(state.momentEdits ?? {}).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });
});
