import { describe, expect, it } from 'vitest';
import { readAhead } from '../../core/media/read-ahead.js';

async function* numbers(count: number, log: string[], failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < count; i += 1) {
      if (i === failAt) throw new Error(`no ${i}`);
      log.push(`made ${i}`);
      yield i;
    }
  } finally {
    log.push('closed');
  }
}

describe('readAhead', () => {
  it('gives every item in order while the source runs ahead of the consumer', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const n of readAhead(numbers(5, log), 3)) {
      if (n === 0) expect(log).toEqual(['made 0', 'made 1', 'made 2', 'made 3']);
      seen.push(n);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(log.at(-1)).toBe('closed');
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const n of readAhead(numbers(100, log), 2)) if (n === 1) break;
    expect(log).toContain('closed');
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThanOrEqual(4);
  });

  it('passes the source error on at its place in the order', async () => {
    const seen: number[] = [];
    await expect(async () => {
      for await (const n of readAhead(numbers(10, [], 3), 4)) seen.push(n);
    }).rejects.toThrow('no 3');
    expect(seen).toEqual([0, 1, 2]);
  });
});
