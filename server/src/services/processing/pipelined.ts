// Two steps over a list, overlapped: the second step of one item runs while the first step of the next
// does, each step in the items' order. The splitting job cuts the next chunk's piece from the local
// source while the last one goes up to storage and is queued, so the chunks behind wait for the slower
// of the two rather than for both.

/**
 * Runs `prepare` on each item in order, and `finish` on each prepared item in the same order, one at a
 * time; `prepare` of an item runs while `finish` of the one before does. On a failure nothing further
 * starts, and whatever was started has ended when it throws.
 */
export async function pipelined<T, P>(
  items: readonly T[],
  prepare: (item: T) => Promise<P>,
  finish: (item: T, prepared: P) => Promise<void>,
): Promise<void> {
  let finishing: Promise<void> = Promise.resolve();
  for (const item of items) {
    const [prepared, finished] = await Promise.allSettled([prepare(item), finishing]);
    if (finished.status === 'rejected') throw finished.reason;
    if (prepared.status === 'rejected') throw prepared.reason;
    finishing = finish(item, prepared.value);
  }
  await finishing;
}
