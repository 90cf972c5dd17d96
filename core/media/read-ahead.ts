/**
 * Pulls up to `depth` items from a source ahead of its consumer, so a producer that blocks
 * while nobody reads (ffmpeg writing into a pipe) keeps working while the consumer is busy.
 * Errors reach the consumer in order; leaving the loop early closes the source.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Array<Promise<IteratorResult<T>>> = [];
  const fill = (): void => {
    while (buffered.length < depth) {
      const next = iterator.next();
      next.catch(() => undefined);
      buffered.push(next);
    }
  };
  let finished = false;
  try {
    fill();
    for (;;) {
      const result = await buffered.shift()!;
      if (result.done) {
        finished = true;
        return;
      }
      fill();
      yield result.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
