const TIMED_OUT = Symbol('timed out');

function after(ms: number): { promise: Promise<typeof TIMED_OUT>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Groups an async iterator into batches bounded by size and by the time since a batch's first
 * item: catch-up fills batches at once, a trickle of live events leaves within `maxDelayMs`.
 * A `next()` still pending when the time runs out is carried into the following batch, never lost.
 */
export async function* batchesOf<T>(
  source: AsyncIterator<T>,
  maxSize: number,
  maxDelayMs: number,
): AsyncGenerator<T[]> {
  let carried: Promise<IteratorResult<T>> | null = null;
  for (;;) {
    const first = await (carried ?? source.next());
    carried = null;
    if (first.done) return;
    const batch = [first.value];
    const deadline = Date.now() + maxDelayMs;
    let done = false;
    while (batch.length < maxSize) {
      const next = source.next();
      const timer = after(deadline - Date.now());
      const result = await Promise.race([next, timer.promise]);
      timer.cancel();
      if (result === TIMED_OUT) {
        carried = next;
        break;
      }
      if (result.done) {
        done = true;
        break;
      }
      batch.push(result.value);
    }
    yield batch;
    if (done) return;
  }
}
