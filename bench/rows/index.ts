import type { BenchRow } from '../bench-row.js';
import { channelWorkersRow } from './channel-workers-row.js';
import { chatRow } from './chat-row.js';
import { clipsRow } from './clips-row.js';
import { clipsTelopsRow } from './clips-telops-row.js';
import { facesRow } from './faces-row.js';
import { momentsRow } from './moments-row.js';
import { reframeRow } from './reframe-row.js';

/** Every row of `npm run bench`, in order; each lives in its own file in bench/rows/. */
export const BENCH_ROWS: BenchRow[] = [momentsRow, chatRow, facesRow, clipsRow, clipsTelopsRow, reframeRow, channelWorkersRow];
