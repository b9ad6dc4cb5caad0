// Preloaded into the BFF process by bench/soak.ts (never by the app itself): on an IPC
// `heap` message it forces garbage collection (node --expose-gc) and answers with the heap
// and RSS figures, so the soak compares live memory rather than garbage not yet collected.
interface HeapFigures {
  heapUsed: number;
  rss: number;
}

process.on('message', (message: unknown) => {
  if (message !== 'heap' || typeof globalThis.gc !== 'function' || process.send === undefined) {
    return;
  }
  // Twice: the first pass can leave objects whose finalizers free more on the second.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heapUsed, rss } satisfies HeapFigures);
});
