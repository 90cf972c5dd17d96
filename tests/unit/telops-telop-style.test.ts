import { describe, expect, it } from 'vitest';
import { telopBand } from '../../core/telops/telop-band.js';
import { DEFAULT_TELOP_STYLE, TELOP_STYLE_NAMES, telopStyle } from '../../core/telops/telop-style.js';

describe('telopStyle', () => {
  it('offers the named presets of telop-styles.json, the default among them', () => {
    expect(TELOP_STYLE_NAMES).toEqual(expect.arrayContaining(['outline', 'boxed', 'yellow', 'karaoke-pink']));
    expect(TELOP_STYLE_NAMES).toContain(DEFAULT_TELOP_STYLE);
    for (const name of TELOP_STYLE_NAMES) expect(telopStyle(name)).toMatchObject({ name, label: expect.any(String) });
  });

  it('highlights the spoken word in yellow in the "yellow" style, on a box in "boxed"', () => {
    expect(telopStyle('yellow')).toMatchObject({ text: '#FFFFFF', active: '#FFE500' });
    expect(telopStyle('boxed').box?.color).toMatch(/^#000000[0-9A-F]{2}$/i);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => telopStyle('comic-sans')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => telopStyle('comic-sans')).toThrow(/"comic-sans".*outline, yellow, boxed, karaoke-pink/);
    expect(() => telopStyle('toString')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('telopBand', () => {
  it('sits a short\'s telops clear of the bottom 20 % and of the right-hand button rail', () => {
    const frame = { width: 1080, height: 1920 };
    for (const name of TELOP_STYLE_NAMES) {
      const band = telopBand(frame, telopStyle(name));
      expect(band.y + band.height).toBeLessThanOrEqual(0.8 * frame.height);
      expect(band.centerX + band.maxLineWidth / 2 + band.outline + band.boxPadding).toBeLessThanOrEqual(0.85 * frame.width);
      expect([band.x, band.y, band.width, band.height].every((n) => n % 2 === 0)).toBe(true);
      expect(band.height).toBeGreaterThanOrEqual(2 * band.lineHeight);
    }
  });

  it('centres landscape telops at the size a short gets', () => {
    const style = telopStyle(DEFAULT_TELOP_STYLE);
    const landscape = telopBand({ width: 1920, height: 1080 }, style);
    expect(landscape.centerX).toBe(960);
    expect(landscape.fontSize).toBe(telopBand({ width: 1080, height: 1920 }, style).fontSize);
  });
});
