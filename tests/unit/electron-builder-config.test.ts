import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
// js-yaml and ajv come with electron-builder (app-builder-lib); the schema is electron-builder's own
const require = createRequire(join(REPO, 'node_modules/app-builder-lib/package.json'));

describe('build/electron-builder.yml', () => {
  const config = (require('js-yaml') as { load: (text: string) => Record<string, unknown> }).load(
    readFileSync(join(REPO, 'build/electron-builder.yml'), 'utf8'),
  );

  it("validates against electron-builder's schema and targets AppImage, deb, NSIS and dmg", () => {
    const Ajv = require('ajv') as new (options: object) => { validate: (schema: unknown, data: unknown) => boolean; errors: unknown };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    expect(ajv.validate(schema, config), JSON.stringify(ajv.errors)).toBe(true);
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
  });

  it('unpacks ffmpeg, ffprobe, the face-api weights and the tfjs wasm files, all of which exist', () => {
    const unpack = config.asarUnpack as string[];
    for (const needed of ['@ffmpeg-installer', '@ffprobe-installer', '@vladmandic/face-api/model', '@tensorflow/tfjs-backend-wasm/dist/*.wasm']) {
      expect(unpack.some((glob) => glob.includes(needed)), needed).toBe(true);
    }
    for (const glob of unpack) {
      const fixed = glob.split('*')[0]!.replace(/\/$/, '');
      expect(existsSync(join(REPO, fixed)), glob).toBe(true);
    }
    expect(existsSync(join(REPO, config.icon as string))).toBe(true);
  });
});
