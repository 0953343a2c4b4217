import { MemoryStorage, RawNode, raftConfig } from "@millrace/raft";
import { SeededRandom } from "@millrace/common";
import { runSeed } from "./run-seed.js";

/* eslint-disable */
const probe = new RawNode(raftConfig({ id: 1, storage: new MemoryStorage(), random: new SeededRandom(1) }));
const RaftProto: any = Object.getPrototypeOf(probe.raft);
const LogProto: any = Object.getPrototypeOf(probe.raft.raftLog);
const RawProto: any = RawNode.prototype;

const mutants: Record<string, () => void> = {
  "no-sync": () => {
    const orig = RawProto.ready;
    RawProto.ready = function (this: any) { const rd = orig.call(this); return { ...rd, mustSync: false }; };
  },
  "forget-vote": () => {
    const orig = RaftProto.handleVoteRequest;
    RaftProto.handleVoteRequest = function (this: any, m: any) { const v = this.vote; orig.call(this, m); if (Math.random() < 0.5) this.vote = v === 0 ? 0 : v; if (m.type === 5) this.vote = 0; };
  },
  "clear-vote-same-term": () => {
    const orig = RaftProto.reset;
    RaftProto.reset = function (this: any, term: number) { orig.call(this, term); this.vote = 0; };
  },
  "commit-old-term": () => {
    LogProto.maybeCommit = function (this: any, maxIndex: number, _term: number) {
      if (maxIndex > this.committed) { this.commitTo(maxIndex); return true; } return false;
    };
  },
  "no-log-match-check": () => {
    const orig = LogProto.maybeAppend;
    LogProto.maybeAppend = function (this: any, index: number, logTerm: number, committed: number, entries: any[]) {
      const r = orig.call(this, index, logTerm, committed, entries);
      if (r !== undefined) return r;
      if (index > this.lastIndex()) return undefined;
      const t = this.termOrUndefined(index); if (t === undefined) return undefined;
      return orig.call(this, index, t, committed, entries);
    };
  },
  "self-ack-early": () => {
    const orig = RaftProto.appendEntry;
    RaftProto.appendEntry = function (this: any, es: any[]) {
      const ok = orig.call(this, es);
      if (ok) { const m = this.msgsAfterAppend.pop(); this.tracker.progress.get(this.id).maybeUpdate(m.index); this.maybeCommit(); }
      return ok;
    };
  },
};
const name = process.argv[2] as string;
const seeds = Number(process.argv[3] ?? 200);
mutants[name]!();
let failed = 0; const reasons = new Map<string, number>(); let first = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const r = runSeed(seed);
  if (!r.ok) { failed++; if (!first) first = seed; const k = (r.reason ?? "").replace(/ at tick \d+/, "").split(":").slice(0, 2).join(":"); reasons.set(k.slice(0, 80), (reasons.get(k.slice(0,80)) ?? 0) + 1); }
}
console.log(`${name}: ${failed}/${seeds} failed (first seed ${first})`);
for (const [k, v] of reasons) console.log(`   ${v} × ${k}`);
