/**
 * `npx tsx --expose-gc --conditions=@millrace/source packages/storage/bench/bench-destroy.ts`: what
 * destroying a large group costs the rest of the node.
 *
 * Fills one group's keyspace with `--keys` keys of `--value` bytes, then destroys it while a second group
 * commits a small synced write every 2 ms, as live groups on the node would. Prints how long the deletion
 * took, how far RSS and the heap rose above where they were before it, and the longest commit the other
 * group waited for.
 *
 * Options: --keys N (default 1000000), --value N bytes (100), --keys-per-commit N (the store's default).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { NodeStore, defaultDestroyKeysPerCommit } from "../src/index.js";

const { values } = parseArgs({
  options: {
    keys: { type: "string", default: "1000000" },
    value: { type: "string", default: "100" },
    "keys-per-commit": { type: "string", default: String(defaultDestroyKeysPerCommit) },
  },
});
const keyCount = Number(values.keys);
const value = new Uint8Array(Number(values.value));
const destroyKeysPerCommit = Number(values["keys-per-commit"]);

const dir = mkdtempSync(join(tmpdir(), "millrace-bench-destroy-"));
const store = await NodeStore.open(dir, {
  identity: { clusterId: "bench", nodeId: 1 },
  destroyKeysPerCommit,
});
try {
  const doomed = store.createGroup(1);
  const live = store.createGroup(2);
  for (let first = 0; first < keyCount; first += 10_000) {
    for (let i = first; i < Math.min(keyCount, first + 10_000); i++) {
      const key = new Uint8Array(8);
      new DataView(key.buffer).setUint32(0, i);
      doomed.keyspace.put(key, value);
    }
    await store.commit();
  }
  await store.commit();

  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  let deleting = true;
  const waits: number[] = [];
  const liveWrites = (async () => {
    for (let n = 0; deleting; n++) {
      live.keyspace.put(Uint8Array.of(n % 256), value);
      const started = performance.now();
      await store.commit();
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();

  const started = performance.now();
  store.destroyGroup(1);
  await store.commit();
  await store.whenDestroyed(1);
  const deletionMs = performance.now() - started;
  deleting = false;
  await liveWrites;
  clearInterval(sampler);

  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
  console.log(
    `destroyed ${keyCount} keys (${destroyKeysPerCommit} per commit) in ${deletionMs.toFixed(0)} ms; ` +
      `RSS +${mib(peakRss - before.rss)} MiB, heap +${mib(peakHeap - before.heapUsed)} MiB; ` +
      `the other group's ${waits.length} commits waited at most ${Math.max(0, ...waits).toFixed(1)} ms`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
