/** One figure of a bench row; `baseline` is the same figure for the row's reference, measured in the same run. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
}

/** A row of `npm run bench`: each runs in its own process, so its memory figures are its own. */
export interface BenchRow {
  id: string;
  title: string;
  /** What the baseline is, when the row measures one. */
  baseline?: string;
  run: () => Promise<BenchMetric[]>;
}
