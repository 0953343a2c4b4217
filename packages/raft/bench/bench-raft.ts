/**
 * `npm run bench:raft`: how fast the Raft core alone commits entries. Three voters in one process with
 * in-memory storage and direct message delivery, so no IO, codec or network is measured: only the
 * algorithm, its log bookkeeping and the Ready cycle. The leader proposes 64-byte entries in batches;
 * the figure is entries committed and applied on every node per second.
 *
 * Options: --seconds N (default 5), --batch N entries per proposal (default 256), --payload N bytes (64).
 */
import { SeededRandom } from "@millrace/common";
import { parseArgs } from "node:util";
import { MemoryStorage, RawNode, raftConfig, type ConfState, type Message } from "../src/index.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    batch: { type: "string", default: "256" },
    payload: { type: "string", default: "64" },
  },
});
const seconds = Number(values.seconds);
const batch = Number(values.batch);
const payloadBytes = Number(values.payload);

const ids = [1, 2, 3];
const confState: ConfState = {
  voters: ids,
  learners: [],
  votersOutgoing: [],
  learnersNext: [],
  autoLeave: false,
};
const storages = ids.map(() => {
  const storage = new MemoryStorage();
  storage.applySnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) });
  return storage;
});
const nodes = ids.map(
  (id, i) =>
    new RawNode(
      raftConfig({
        id,
        storage: storages[i] as MemoryStorage,
        random: new SeededRandom(id),
        applied: 1,
        uncommittedBytesMax: 256 * 1024 * 1024,
      }),
    ),
);
const applied = ids.map(() => 0);
let inbox: Message[] = [];

/** One round: every node handles its Ready (persist, send, apply, advance), then messages are delivered. */
function round(): void {
  const outbox: Message[] = [];
  nodes.forEach((node, i) => {
    if (!node.hasReady()) return;
    const rd = node.ready();
    const storage = storages[i] as MemoryStorage;
    if (rd.snapshot !== undefined) storage.applySnapshot(rd.snapshot);
    storage.append(rd.entries);
    if (rd.hardState !== undefined) storage.setHardState(rd.hardState);
    for (const m of rd.messages) outbox.push(m);
    const last = rd.committedEntries[rd.committedEntries.length - 1];
    if (last !== undefined) applied[i] = last.index;
    node.advance();
  });
  for (const m of inbox) (nodes[m.to - 1] as RawNode).step(m);
  inbox = outbox;
}

/** Keeps memory flat: drop log entries that every node has applied, leaving a tail for followers. */
function compact(): void {
  const floor = Math.min(...applied) - 10_000;
  storages.forEach((storage) => {
    if (floor > storage.firstIndex()) storage.compact(floor);
  });
}

const leader = nodes[0] as RawNode;
leader.campaign();
for (let i = 0; i < 20 && leader.raft.state !== "Leader"; i++) round();
if (leader.raft.state !== "Leader") throw new Error("no leader elected");

const payloads = Array.from({ length: batch }, (_, i) => new Uint8Array(payloadBytes).fill(i & 0xff));
const startApplied = Math.min(...applied);
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
let rounds = 0;
let now = start;
while (now < deadline) {
  // Keep a bounded amount in flight, as a client pipeline with a window would.
  if (leader.raft.raftLog.lastIndex() - Math.min(...applied) < 8 * batch) leader.proposeEntries(payloads);
  round();
  rounds++;
  if ((rounds & 1023) === 0) compact();
  if ((rounds & 63) === 0) now = process.hrtime.bigint();
}
const elapsedSeconds = Number(process.hrtime.bigint() - start) / 1e9;
const committed = Math.min(...applied) - startApplied;
const rate = committed / elapsedSeconds;
const memory = process.memoryUsage();

console.log("Raft core, 3 voters in one process, in-memory storage, no IO");
console.log(`entry payload      ${payloadBytes} B`);
console.log(`entries/proposal   ${batch}`);
console.log(`duration           ${elapsedSeconds.toFixed(2)} s`);
console.log(`ready rounds       ${rounds}`);
console.log(`committed entries  ${committed}`);
console.log(`throughput         ${Math.round(rate).toLocaleString("en-US")} entries/s`);
console.log(`heap used          ${(memory.heapUsed / 1048576).toFixed(1)} MiB`);
console.log(
  JSON.stringify({
    bench: "raft",
    payloadBytes,
    batch,
    seconds: elapsedSeconds,
    committed,
    entriesPerSecond: Math.round(rate),
  }),
);
