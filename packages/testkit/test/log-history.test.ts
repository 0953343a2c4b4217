import { describe, expect, it } from "vitest";
import { LogHistory, assertLogHistoryValid, type ReplicaContents } from "../src/index.js";

/** A history of three acknowledged appends (a, b+c, d) at seqs 1..4, and a replica holding them. */
function base(): { history: LogHistory; replica: ReplicaContents } {
  const history = new LogHistory();
  const a = history.invoke(0, ["a"], "n1", 0);
  history.ok(a, 1, 1, 1);
  const bc = history.invoke(1, ["b", "c"], "n1", 2);
  history.ok(bc, 2, 2, 3);
  const d = history.invoke(0, ["d"], "n1", 4);
  history.ok(d, 4, 1, 5);
  const replica: ReplicaContents = {
    node: 1,
    firstSeq: 1,
    nextSeq: 5,
    records: ["a", "b", "c", "d"].map((data, i) => ({ seq: i + 1, data })),
  };
  return { history, replica };
}

function errorsOf(history: LogHistory): string[] {
  return [...history.check().errors];
}

describe("LogHistory", () => {
  it("accepts a history that every replica matches", () => {
    const { history, replica } = base();
    history.replica(replica);
    history.replica({ ...replica, node: 2 });
    const stats = assertLogHistoryValid(history);
    expect(stats).toMatchObject({ ok: 3, recordsAcknowledged: 4, replicas: 2 });
  });

  it("refuses to check without any replica", () => {
    const { history } = base();
    expect(errorsOf(history)).toEqual(["no replica was read: nothing to check against"]);
  });

  it("finds an acknowledged record missing on one replica", () => {
    const { history, replica } = base();
    history.replica(replica);
    history.replica({ node: 2, firstSeq: 1, nextSeq: 4, records: replica.records.slice(0, 3) });
    expect(errorsOf(history).join("\n")).toMatch(
      /node 2: acknowledged record "d" \(seq 4\) is missing: lost/,
    );
  });

  it("excuses acknowledged records below a trim, and only those", () => {
    const { history, replica } = base();
    history.trimmed(4);
    // Trimmed below 4: a, b and c may be gone; d may not.
    history.replica({ node: 1, firstSeq: 4, nextSeq: 5, records: replica.records.slice(3) });
    history.replica({ node: 2, firstSeq: 4, nextSeq: 4, records: [] });
    const errors = errorsOf(history);
    expect(errors.join("\n")).toMatch(/node 2: acknowledged record "d" \(seq 4\) is missing: lost/);
    expect(errors.join("\n")).not.toMatch(/record "[abc]"/);
  });

  it("finds an acknowledged record at another sequence number", () => {
    const { history } = base();
    history.replica({
      node: 1,
      firstSeq: 1,
      nextSeq: 5,
      records: ["a", "b", "c", "d"].reverse().map((data, i) => ({ seq: i + 1, data })),
    });
    expect(errorsOf(history).join("\n")).toMatch(/acknowledged record "a" is at seq 4, not 1/);
  });

  it("finds records never attempted, duplicates and definitely failed appends", () => {
    const { history, replica } = base();
    const failed = history.invoke(2, ["x"], "n2", 6);
    history.fail(failed, "NOT_LEADER: no", 7);
    history.replica({
      ...replica,
      nextSeq: 8,
      records: [...replica.records, { seq: 5, data: "ghost" }, { seq: 6, data: "a" }, { seq: 7, data: "x" }],
    });
    const errors = errorsOf(history).join("\n");
    expect(errors).toMatch(/record "ghost" at seq 5 was never attempted/);
    expect(errors).toMatch(/record "a" appears twice \(seq 1 and 6\)/);
    expect(errors).toMatch(/record "x" at seq 7 belongs to #3 .* which failed definitely/);
  });

  it("allows an unknown append to be present or absent, but only whole", () => {
    const { history, replica } = base();
    const lost = history.invoke(2, ["u1"], "n2", 6);
    history.unknown(lost, "DEADLINE_EXCEEDED", 7);
    const kept = history.invoke(3, ["k1", "k2"], "n2", 6);
    history.unknown(kept, "UNAVAILABLE", 7);
    history.replica({
      ...replica,
      nextSeq: 7,
      records: [...replica.records, { seq: 5, data: "k1" }, { seq: 6, data: "k2" }],
    });
    expect(assertLogHistoryValid(history)).toMatchObject({ unknown: 2, unknownPresent: 1 });

    const torn = base();
    const op = torn.history.invoke(3, ["k1", "k2"], "n2", 6);
    torn.history.unknown(op, "UNAVAILABLE", 7);
    torn.history.replica({
      ...torn.replica,
      nextSeq: 6,
      records: [...torn.replica.records, { seq: 5, data: "k2" }],
    });
    expect(errorsOf(torn.history).join("\n")).toMatch(/is torn: its records are at \[null,5\]/);
  });

  it("finds two records at one sequence number and gaps", () => {
    const { history } = base();
    history.replica({
      node: 1,
      firstSeq: 1,
      nextSeq: 5,
      records: [
        { seq: 1, data: "a" },
        { seq: 1, data: "b" },
        { seq: 3, data: "c" },
        { seq: 4, data: "d" },
      ],
    });
    const errors = errorsOf(history).join("\n");
    expect(errors).toMatch(/node 1: two records at seq 1/);
    expect(errors).toMatch(/seq 3 follows seq 1/);
  });

  it("finds replicas that disagree (split brain)", () => {
    const { history, replica } = base();
    const e = history.invoke(2, ["e"], "n2", 6);
    history.unknown(e, "UNAVAILABLE", 7);
    const f = history.invoke(3, ["f"], "n3", 6);
    history.unknown(f, "UNAVAILABLE", 7);
    history.replica({ ...replica, nextSeq: 6, records: [...replica.records, { seq: 5, data: "e" }] });
    history.replica({
      ...replica,
      node: 2,
      nextSeq: 6,
      records: [...replica.records, { seq: 5, data: "f" }],
    });
    expect(errorsOf(history).join("\n")).toMatch(/seq 5 holds "f" on node 2 but "e" on node 1/);
  });

  it("finds acknowledgements that overlap, go backwards for a client or break real-time order", () => {
    const history = new LogHistory();
    const a = history.invoke(0, ["a"], "n1", 0);
    history.ok(a, 2, 1, 1);
    const b = history.invoke(0, ["b"], "n1", 2);
    history.ok(b, 1, 1, 3);
    const c = history.invoke(1, ["c"], "n2", 4);
    history.ok(c, 2, 1, 5);
    history.replica({
      node: 1,
      firstSeq: 1,
      nextSeq: 3,
      records: [
        { seq: 1, data: "b" },
        { seq: 2, data: "a" },
      ],
    });
    const errors = errorsOf(history).join("\n");
    expect(errors).toMatch(/seq 2 was acknowledged to two appends/);
    expect(errors).toMatch(/client 0: #1 .* was acknowledged below its earlier #0/);
    expect(errors).toMatch(
      /real-time order: #1 .* was invoked after #0 .* was acknowledged, but lies below it/,
    );
  });

  it("refuses a record attempted twice", () => {
    const history = new LogHistory();
    history.invoke(0, ["a"], "n1", 0);
    expect(() => history.invoke(1, ["a"], "n1", 1)).toThrow(/attempted twice/);
  });
});
