import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-row.js';
import { formatBenchTable, type BenchRowResult } from './format-bench-table.js';
import { BENCH_ROWS } from './rows/index.js';

const ROW_FLAG = '--row';

/** `npm run bench -- moments faces` runs the rows whose id or title contains any of the words. */
function selectRows(filters: string[]): BenchRow[] {
  if (filters.length === 0) return BENCH_ROWS;
  const words = filters.map((f) => f.toLowerCase());
  return BENCH_ROWS.filter((row) => words.some((w) => row.id.toLowerCase().includes(w) || row.title.toLowerCase().includes(w)));
}

/** Each row in a fresh process with --expose-gc, so one row's memory never shows in another's. */
function runInChild(row: BenchRow): Promise<BenchRowResult> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), [ROW_FLAG, row.id], { execArgv: ['--expose-gc'] });
    let result: BenchRowResult | undefined;
    child.on('message', (message) => {
      result = message as BenchRowResult;
    });
    child.on('exit', (code) => {
      resolve(result ?? { id: row.id, title: row.title, metrics: [], error: `exited with code ${code}` });
    });
  });
}

async function runRowHere(id: string): Promise<void> {
  const row = BENCH_ROWS.find((r) => r.id === id);
  if (!row) throw new Error(`No bench row "${id}".`);
  const base = { id: row.id, title: row.title, baseline: row.baseline };
  try {
    process.send?.({ ...base, metrics: await row.run() });
  } catch (error) {
    process.send?.({ ...base, metrics: [], error: error instanceof Error ? error.message : String(error) });
  }
}

async function main(argv: string[]): Promise<void> {
  const rowIndex = argv.indexOf(ROW_FLAG);
  if (rowIndex >= 0) return runRowHere(argv[rowIndex + 1] ?? '');
  const rows = selectRows(argv);
  if (rows.length === 0) {
    process.stderr.write(`No bench row matches ${argv.join(' ')}. Rows: ${BENCH_ROWS.map((r) => r.id).join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  const results: BenchRowResult[] = [];
  for (const row of rows) {
    process.stderr.write(`bench: ${row.id}: ${row.title}…\n`);
    results.push(await runInChild(row));
  }
  process.stdout.write(`${formatBenchTable(results)}\n`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main(process.argv.slice(2));
