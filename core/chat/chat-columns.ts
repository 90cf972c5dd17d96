import type { ChatLog } from './chat-log.js';

const INITIAL_ROWS = 1 << 12;
/** A kind no message has: the row was deleted after it was read. */
const REMOVED = 255;

export type ChatRows = Pick<ChatLog, 'count' | 'timeMs' | 'author' | 'kind' | 'tone' | 'textId'>;

function grown<T extends Float64Array | Int32Array | Uint8Array>(column: T, rows: number): T {
  const bigger = new (column.constructor as new (length: number) => T)(rows);
  bigger.set(column);
  return bigger;
}

/**
 * The message columns of a ChatLog while a file is read: typed arrays that double when full, so a
 * message costs 18 bytes and no object. Deleted rows are flagged and dropped at the end.
 */
export class ChatColumns {
  count = 0;
  private timeMs = new Float64Array(INITIAL_ROWS);
  private author = new Int32Array(INITIAL_ROWS);
  private kind = new Uint8Array(INITIAL_ROWS);
  private tone = new Uint8Array(INITIAL_ROWS);
  private textId = new Int32Array(INITIAL_ROWS);
  private inTimeOrder = true;

  /** Appends a message and returns its row. */
  push(timeMs: number, author: number, kind: number, tone: number, textId: number): number {
    if (this.count === this.timeMs.length) this.grow();
    const row = this.count;
    if (row > 0 && timeMs < this.timeMs[row - 1]!) this.inTimeOrder = false;
    this.timeMs[row] = timeMs;
    this.author[row] = author;
    this.kind[row] = kind;
    this.tone[row] = tone;
    this.textId[row] = textId;
    this.count += 1;
    return row;
  }

  /** Flags a row as deleted; false when it already was. */
  remove(row: number): boolean {
    if (this.kind[row] === REMOVED) return false;
    this.kind[row] = REMOVED;
    return true;
  }

  /**
   * Flags each listed author's rows at or before the author's time (a ban or time-out clears what
   * they wrote so far); one pass at the end, so the order of the file does not matter.
   */
  removeAuthorsUntil(untilMsByAuthor: ReadonlyMap<number, number>): number {
    if (untilMsByAuthor.size === 0) return 0;
    let removed = 0;
    for (let row = 0; row < this.count; row += 1) {
      const untilMs = untilMsByAuthor.get(this.author[row]!);
      if (untilMs !== undefined && this.timeMs[row]! <= untilMs && this.remove(row)) removed += 1;
    }
    return removed;
  }

  /** The kept rows, in time order (stable: messages of one millisecond keep their file order), trimmed to size. */
  finish(): ChatRows {
    const order = this.keptRows();
    if (!this.inTimeOrder) order.sort((a, b) => this.timeMs[a]! - this.timeMs[b]! || a - b);
    const pick = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => {
      const out = new (column.constructor as new (length: number) => T)(order.length);
      for (let i = 0; i < order.length; i += 1) out[i] = column[order[i]!]!;
      return out;
    };
    return { count: order.length, timeMs: pick(this.timeMs), author: pick(this.author), kind: pick(this.kind), tone: pick(this.tone), textId: pick(this.textId) };
  }

  private keptRows(): Uint32Array {
    let kept = 0;
    for (let row = 0; row < this.count; row += 1) if (this.kind[row] !== REMOVED) kept += 1;
    const order = new Uint32Array(kept);
    let next = 0;
    for (let row = 0; row < this.count; row += 1) if (this.kind[row] !== REMOVED) order[next++] = row;
    return order;
  }

  private grow(): void {
    const rows = this.timeMs.length * 2;
    this.timeMs = grown(this.timeMs, rows);
    this.author = grown(this.author, rows);
    this.kind = grown(this.kind, rows);
    this.tone = grown(this.tone, rows);
    this.textId = grown(this.textId, rows);
  }
}
