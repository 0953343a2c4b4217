import { EntryType, type Entry } from "@millrace/raft";
import { describe, expect, it } from "vitest";
import { ProposalHistory, RaftHistoryChecker, SafetyViolation } from "../src/index.js";

function entry(index: number, term: number, data = `e${index}`): Entry {
  return { index, term, type: EntryType.Normal, data: new TextEncoder().encode(data) };
}

function violation(f: () => void): string {
  try {
    f();
  } catch (error) {
    if (error instanceof SafetyViolation) return error.invariant;
    throw error;
  }
  return "none";
}

describe("RaftHistoryChecker", () => {
  it("flags two leaders in one term", () => {
    const c = new RaftHistoryChecker();
    c.observeLeader(1, 5);
    c.observeLeader(1, 5);
    c.observeLeader(2, 6);
    expect(violation(() => c.observeLeader(3, 5))).toBe("election-safety");
  });

  it("flags one (index, term) with two contents, or two predecessors", () => {
    const c = new RaftHistoryChecker();
    c.observeWrite(1, [entry(2, 1), entry(3, 2)], 1);
    c.observeWrite(2, [entry(3, 2)], 1);
    expect(violation(() => c.observeWrite(3, [entry(3, 2, "other")], 1))).toBe("log-matching");
    expect(violation(() => c.observeWrite(3, [entry(3, 2)], 7))).toBe("log-matching");
  });

  it("flags different entries applied at one index, and different states at one index", () => {
    const c = new RaftHistoryChecker();
    c.observeApplied(1, entry(2, 1), 100);
    c.observeApplied(2, entry(2, 1), 100);
    expect(violation(() => c.observeApplied(3, entry(2, 1, "x"), 100))).toBe("state-machine-safety");
    expect(violation(() => c.observeApplied(3, entry(2, 1), 101))).toBe("state-machine-safety");
    expect(violation(() => c.observeState(3, 2, 99, 1))).toBe("state-machine-safety");
  });

  it("flags a leader missing an entry committed in an earlier term, not a stale leader of an older one", () => {
    const c = new RaftHistoryChecker();
    c.observeCommitted(1, [entry(2, 1), entry(3, 1)], 2);
    const log = (terms: Record<number, number>, last: number) => ({
      firstIndex: 2,
      lastIndex: last,
      termAt: (i: number) => terms[i],
    });
    c.checkLeaderCompleteness(2, 3, log({ 2: 1, 3: 1, 4: 3 }, 4));
    expect(violation(() => c.checkLeaderCompleteness(3, 4, log({ 2: 1 }, 2)))).toBe("leader-completeness");
    expect(violation(() => c.checkLeaderCompleteness(3, 4, log({ 2: 1, 3: 2 }, 3)))).toBe(
      "leader-completeness",
    );
    // A candidate of term 2 that counted late votes after the commit (made in term 2) need not have it.
    c.checkLeaderCompleteness(3, 2, log({ 2: 1 }, 2));
    // States reached by snapshot count too.
    c.observeState(1, 9, 123, 3);
    expect(violation(() => c.checkLeaderCompleteness(2, 5, log({ 2: 1, 3: 1, 4: 3 }, 4)))).toBe(
      "leader-completeness",
    );
  });

  it("flags a restart that lost or changed an applied entry", () => {
    const c = new RaftHistoryChecker();
    c.observeApplied(1, entry(2, 1), 10);
    c.observeApplied(1, entry(3, 1), 11);
    c.checkRecovery(1, 1, 0, (i) => (i <= 3 ? `n:e${i}` : undefined));
    expect(violation(() => c.checkRecovery(1, 1, 0, (i) => (i <= 2 ? `n:e${i}` : undefined)))).toBe(
      "durability",
    );
    expect(violation(() => c.checkRecovery(1, 1, 0, (i) => (i === 3 ? "n:other" : `n:e${i}`)))).toBe(
      "durability",
    );
    // Restoring from a snapshot at 3 with the right state is fine; with another state it is not.
    c.checkRecovery(1, 3, 11, () => undefined);
    expect(violation(() => c.checkRecovery(1, 3, 12, () => undefined))).toBe("state-machine-safety");
  });
});

describe("ProposalHistory", () => {
  it("flags an acknowledged proposal missing on a live member, a refused one applied, an unknown one applied", () => {
    const h = new ProposalHistory();
    h.invoke("p1", 1, 0);
    h.ok("p1", 5);
    h.invoke("p2", 1, 0);
    h.fail("p2", 1, "no-leader");
    h.checkAcknowledged(new Map([[1, new Set(["p1"])]]));
    expect(violation(() => h.checkAcknowledged(new Map([[2, new Set<string>()]])))).toBe("acknowledged-lost");
    expect(violation(() => h.observeApplied("p2", 1, 4))).toBe("proposal-integrity");
    expect(violation(() => h.observeApplied("p9", 1, 4))).toBe("proposal-integrity");
  });
});
