import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../core/pipeline/channel-listing.js';
import type { ManifestVideo } from '../../core/project/channel-manifest.js';

const video = (id: string, publishedAt?: string): ManifestVideo => ({ id, title: id, status: 'pending', ...(publishedAt ? { publishedAt } : {}) });

describe('newestFirst', () => {
  it('orders by publication date, newest first, keeping the playlist order for ties', () => {
    const ordered = newestFirst([
      video('old', '2026-01-01T00:00:00Z'),
      video('new', '2026-03-01T00:00:00Z'),
      video('tieA', '2026-02-01T00:00:00Z'),
      video('tieB', '2026-02-01T00:00:00Z'),
    ]);
    expect(ordered.map((v) => v.id)).toEqual(['new', 'tieA', 'tieB', 'old']);
  });

  it('does not reorder videos without a date', () => {
    expect(newestFirst([video('a'), video('b'), video('c')]).map((v) => v.id)).toEqual(['a', 'b', 'c']);
  });
});
