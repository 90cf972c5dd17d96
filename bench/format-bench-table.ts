import type { BenchMetric } from './bench-row.js';

export interface BenchRowResult {
  id: string;
  title: string;
  baseline?: string;
  metrics: BenchMetric[];
  error?: string;
}

function figure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(abs >= 1 ? 2 : 3);
}

/** A plain-text table: one line per metric, with the baseline and value/baseline where measured. */
export function formatBenchTable(results: BenchRowResult[]): string {
  const header = ['row', 'metric', 'value', 'unit', 'baseline', 'ratio'];
  const lines: string[][] = [header];
  for (const row of results) {
    if (row.error) lines.push([row.id, 'FAILED', row.error, '', '', '']);
    for (const m of row.metrics) {
      const ratio = m.baseline ? `${(m.value / m.baseline).toFixed(2)}x` : '';
      lines.push([row.id, m.name, figure(m.value), m.unit, m.baseline === undefined ? '' : figure(m.baseline), ratio]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const numeric = new Set([2, 4, 5]);
  const text = lines.map((l) => l.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
  text.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = results.filter((r) => r.baseline).map((r) => `${r.id}: ${r.title}; baseline = ${r.baseline}`);
  return [...text, '', ...notes].join('\n');
}
