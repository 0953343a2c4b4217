import fc from "fast-check";
import { it, expect } from "vitest";
import { Simulation, arbEvent } from "./zz-logsim.js";
import { UnstableLog } from "../src/log-unstable.js";
import { RaftLog } from "../src/raft-log.js";
const stats: Record<string, number> = {};
const bump = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
it("coverage", { timeout: 60000 }, () => {
  fc.assert(fc.property(fc.array(arbEvent, { minLength: 20, maxLength: 100, size: "max" }), (events) => {
    const sim = new Simulation();
    for (const ev of events) {
      const before = { last: sim.log.lastIndex(), snap: sim.log.unstable.snapshot, committed: sim.log.committed, first: sim.log.firstIndex(), pending: sim.pending };
      const lenBefore = sim.terms.length; const termsBefore = sim.terms.slice();
      sim.run(ev);
      if (ev.op === "append") { const trunc = termsBefore.some((t, i) => i < sim.terms.length && sim.terms[i] !== t) || sim.terms.length < lenBefore; if (trunc) bump("truncation"); }
      if (ev.op === "snapshot" && sim.log.unstable.snapshot !== before.snap) bump("restore");
      if (ev.op === "snapshot" && sim.log.committed > before.committed && sim.log.unstable.snapshot === before.snap) bump("fastforward");
      if (ev.op === "compact" && sim.log.firstIndex() > before.first) bump("compaction");
      if (ev.op === "persist" && before.pending?.snap) bump("persistSnap");
      if (ev.op === "persist" && before.pending && sim.log.unstable.offset <= (before.pending.entries.at(-1)?.index ?? 0)) bump("stalePersist");
      if (ev.op === "elect") bump("elect");
      if (ev.op === "append") bump(sim.log.lastIndex() !== before.last || sim.log.committed !== before.committed ? "appendEffective" : "appendNoop");
      if (sim.log.committed > 0) bump("committedNonzero");
      sim.check(0, true);
    }
  }), { numRuns: 300, seed: 1 });
  console.log(stats);
});
function mutant(name: string, patch: () => () => void) {
  it(`mutant ${name} is caught`, { timeout: 60000 }, () => {
    const undo = patch();
    try {
      expect(() => fc.assert(fc.property(fc.array(arbEvent, { minLength: 20, maxLength: 100, size: "max" }), (events) => { const sim = new Simulation(); events.forEach((ev, i) => { const p = sim.log.committed; sim.run(ev); sim.check(p, i % 4 === 3 || i === events.length - 1); }); }), { numRuns: 150 })).toThrow();
    } finally { undo(); }
  });
}
mutant("stableTo ignores term", () => { const o = UnstableLog.prototype.stableTo; UnstableLog.prototype.stableTo = function (i: number, _t: number) { const f = this.maybeTerm(i); if (f === undefined || i < this.offset) return; this.entries = this.entries.slice(i + 1 - this.offset); this.offset = i + 1; }; return () => { UnstableLog.prototype.stableTo = o; }; });
mutant("commit not bounded by lastNew", () => { const o = RaftLog.prototype.maybeAppend; RaftLog.prototype.maybeAppend = function (this: RaftLog, i: number, t: number, c: number, e: readonly import("../src/types.js").Entry[]) { const r = o.call(this, i, t, c, e); if (r !== undefined) this.commitTo(Math.min(c, this.lastIndex())); return r; }; return () => { RaftLog.prototype.maybeAppend = o; }; });
mutant("findConflictByTerm off by one", () => { const o = RaftLog.prototype.findConflictByTerm; RaftLog.prototype.findConflictByTerm = function (this: RaftLog, i: number, t: number) { return o.call(this, i, t + (i % 3 === 0 ? 1 : 0)); }; return () => { RaftLog.prototype.findConflictByTerm = o; }; });
mutant("truncateAndAppend keeps stale tail", () => { const o = UnstableLog.prototype.truncateAndAppend; UnstableLog.prototype.truncateAndAppend = function (this: UnstableLog, es: readonly import("../src/types.js").Entry[]) { const from = es[0]!.index; if (from > this.offset && from < this.offset + this.entries.length) { this.entries = this.entries.slice(0, from - this.offset).concat(es, this.entries.slice(from - this.offset + es.length)); return; } o.call(this, es); }; return () => { UnstableLog.prototype.truncateAndAppend = o; }; });
