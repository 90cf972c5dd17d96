import { describe, expect, it } from 'vitest';
import { formatBenchTable } from '../../bench/format-bench-table.js';
import { BENCH_ROWS } from '../../bench/rows/index.js';

describe('bench', () => {
  it('measures mentions + moments over 100 000 comments against its baseline and prints a table', async () => {
    const row = BENCH_ROWS.find((r) => r.id === 'moments-100k');
    expect(row).toBeDefined();
    const metrics = await row!.run();
    const throughput = metrics.find((m) => m.name === 'throughput')!;
    expect(throughput.unit).toBe('comments/s');
    expect(throughput.value).toBeGreaterThan(50_000);
    expect(throughput.baseline).toBeGreaterThan(throughput.value);
    expect(metrics.find((m) => m.name === 'mentions')!.value).toBeGreaterThan(15_000);
    const table = formatBenchTable([{ id: row!.id, title: row!.title, baseline: row!.baseline, metrics }]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^row\s+metric\s+value\s+unit\s+baseline\s+ratio$/);
    expect(lines.find((l) => l.includes('throughput'))).toMatch(/comments\/s\s+[\d,]+\s+0\.\d\dx$/);
    expect(table).toContain('peak rss rise');
  });

  it('reports a failed row instead of hiding it', () => {
    const table = formatBenchTable([{ id: 'broken', title: 'broken', metrics: [], error: 'boom' }]);
    expect(table).toMatch(/broken\s+FAILED\s+boom/);
  });
});
