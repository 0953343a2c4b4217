import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the old generation grow past its live size before the next major GC: to
 * (1 + percent / 100) times it.
 *
 * A broker's heap is small (about 20 MiB live: the data is in LevelDB) but it allocates Buffers fast,
 * each record passing through gRPC, the Raft entry, the peer frame and the store. With V8's own factor
 * (about 2 for such a heap) a node under log-append load ran 4 to 6 full mark-compacts a second, and
 * `perf` put about a third of the nodes' CPU in V8's marking and sweeping threads. At 200 the same load
 * ran about 1 a second and cost 62–72 µs of node CPU per 1 KiB record instead of 90–103
 * (`npm run bench -- --only log`); 400 measured no better. The price is a heap that may reach three
 * times its live size between collections: tens of MiB here.
 */
export const heapGrowingPercent = 200;

const flagPattern = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Sets the growing factor for this process unless its own command line already names one (an operator's
 * `node --heap-growing-percent=N` wins). Returns whether it set it. V8 reads the flag each time it sizes
 * the heap after a collection, so setting it once the process runs takes effect from the next one.
 */
export function tuneHeap(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => flagPattern.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  return true;
}
