import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProjectsRoot } from '../../core/app/settings-store.js';

describe('checkProjectsRoot (the projects folder saveSettings accepts)', () => {
  let base: string;
  let home: string;
  const previousHome = process.env.HOME;

  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'kirinuki-home-')));
    home = join(base, 'home');
    await mkdir(join(home, 'Videos'), { recursive: true });
    await mkdir(join(base, 'elsewhere'), { recursive: true });
    await symlink(join(base, 'elsewhere'), join(home, 'link-out'));
    process.env.HOME = home; // os.homedir() reads HOME
  });
  afterAll(async () => {
    process.env.HOME = previousHome;
    await rm(base, { recursive: true, force: true });
  });

  const defaultRoot = () => join(base, 'default-root');

  it('accepts a folder inside the home folder, existing or not, and the default root', () => {
    expect(checkProjectsRoot(join(home, 'Videos', 'Kirinuki'), defaultRoot())).toBe(join(home, 'Videos', 'Kirinuki'));
    expect(checkProjectsRoot(join(home, 'Videos'), defaultRoot())).toBe(join(home, 'Videos'));
    expect(checkProjectsRoot(join(defaultRoot(), 'sub'), defaultRoot())).toBe(join(defaultRoot(), 'sub'));
  });

  it('refuses a disk root even when confirmed', () => {
    expect(() => checkProjectsRoot('/', defaultRoot(), true)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkProjectsRoot('/', defaultRoot())).toThrow('The projects folder may not be /, the root of a disk');
  });

  it('refuses a folder outside the home folder, naming it, unless the user confirmed it', () => {
    const outside = join(base, 'elsewhere', 'projects');
    expect(() => checkProjectsRoot(outside, defaultRoot())).toThrow(
      `The projects folder ${outside} is outside your home folder (${home}): it must be inside the home folder.`,
    );
    expect(() => checkProjectsRoot(join(home, '..', 'elsewhere'), defaultRoot())).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(checkProjectsRoot(outside, defaultRoot(), true)).toBe(outside);
  });

  it('follows symlinks: a link in the home folder pointing out is outside', () => {
    expect(() => checkProjectsRoot(join(home, 'link-out', 'projects'), defaultRoot())).toThrow('must be inside the home folder');
  });
});
