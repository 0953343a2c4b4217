/**
 * Membership changes: the conf-change codec round-trips and rejects garbage with ConfChangeDecodeError,
 * and the Changer, over random sequences of simple and joint changes, either refuses a change with
 * ConfChangeError or produces exactly the configuration a set-based model predicts, with every invariant
 * holding and restoreConfState(toConfState()) reproducing it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Changer, ConfChangeError, restoreConfState, type ChangeResult } from "../src/changer.js";
import {
  ConfChangeDecodeError,
  ConfChangeTransition,
  ConfChangeType,
  confChange,
  decodeConfChange,
  encodeConfChange,
  type ConfChange,
  type ConfChangeSingle,
} from "../src/conf-change.js";
import { type ProgressMap, type TrackerConfig } from "../src/tracker.js";
import { type NodeId } from "../src/types.js";
import { confState } from "./helpers/harness.js";

const arbType = fc.constantFrom(
  ConfChangeType.AddNode,
  ConfChangeType.RemoveNode,
  ConfChangeType.AddLearnerNode,
);
const arbTransition = fc.constantFrom(
  ConfChangeTransition.Auto,
  ConfChangeTransition.Implicit,
  ConfChangeTransition.Explicit,
);
const arbConfChange: fc.Arbitrary<ConfChange> = fc.record({
  transition: arbTransition,
  changes: fc.array(
    fc.record({ type: arbType, nodeId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) }),
    { maxLength: 8 },
  ),
  context: fc.uint8Array({ maxLength: 16 }),
});

function decodeError(bytes: Uint8Array): unknown {
  try {
    decodeConfChange(bytes);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A valid encoding with one field overwritten. */
function corrupt(cc: ConfChange, patch: (view: DataView) => void): Uint8Array {
  const bytes = encodeConfChange(cc);
  patch(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return bytes;
}

describe("conf change codec", () => {
  it("decode(encode(cc)) is cc", () => {
    fc.assert(
      fc.property(arbConfChange, (cc) => {
        expect(decodeConfChange(encodeConfChange(cc))).toEqual(cc);
      }),
      { numRuns: 300 },
    );
  });

  it("decodes a view into a larger buffer", () => {
    fc.assert(
      fc.property(arbConfChange, fc.uint8Array({ maxLength: 8 }), (cc, pad) => {
        const encoded = encodeConfChange(cc);
        const buffer = new Uint8Array(pad.length + encoded.length + 3);
        buffer.set(pad);
        buffer.set(encoded, pad.length);
        expect(decodeConfChange(buffer.subarray(pad.length, pad.length + encoded.length))).toEqual(cc);
      }),
    );
  });

  // Zero bytes are the leader's automatic "leave the joint configuration" proposal.
  it("decodes zero bytes as the empty change", () => {
    expect(decodeConfChange(new Uint8Array(0))).toEqual(confChange([]));
  });

  it("any bytes either decode canonically or throw ConfChangeDecodeError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        let cc: ConfChange;
        try {
          cc = decodeConfChange(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfChangeDecodeError);
          return;
        }
        expect(encodeConfChange(cc)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects each kind of garbage with ConfChangeDecodeError", () => {
    fc.assert(
      fc.property(
        arbConfChange.filter((cc) => cc.changes.length > 0),
        fc.constantFrom(
          "short",
          "version",
          "transition",
          "truncated",
          "type",
          "id-zero",
          "id-negative",
          "id-fraction",
          "id-nan",
          "id-unsafe",
        ),
        fc.nat({ max: 254 }),
        (cc, kind, n) => {
          let bytes: Uint8Array;
          switch (kind) {
            case "short":
              bytes = encodeConfChange(cc).slice(0, 1 + (n % 3));
              break;
            case "version":
              bytes = corrupt(cc, (v) => v.setUint8(0, n === 0 ? 0 : 2 + (n % 253)));
              break;
            case "transition":
              bytes = corrupt(cc, (v) => v.setUint8(1, 3 + (n % 252)));
              break;
            case "truncated":
              bytes = encodeConfChange({ ...cc, context: new Uint8Array(0) }).slice(
                0,
                4 + cc.changes.length * 9 - 1 - (n % 9),
              );
              break;
            case "type":
              bytes = corrupt(cc, (v) => v.setUint8(4, 3 + (n % 252)));
              break;
            case "id-zero":
              bytes = corrupt(cc, (v) => v.setFloat64(5, 0));
              break;
            case "id-negative":
              bytes = corrupt(cc, (v) => v.setFloat64(5, -1 - n));
              break;
            case "id-fraction":
              bytes = corrupt(cc, (v) => v.setFloat64(5, n + 0.5));
              break;
            case "id-nan":
              bytes = corrupt(cc, (v) => v.setFloat64(5, Number.NaN));
              break;
            default:
              bytes = corrupt(cc, (v) => v.setFloat64(5, Number.MAX_SAFE_INTEGER + 2 + n * 2));
          }
          expect(decodeError(bytes), kind).toBeInstanceOf(ConfChangeDecodeError);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- the Changer against a set-based model ----------------------------------------------------------

interface ModelConfig {
  incoming: Set<NodeId>;
  outgoing: Set<NodeId>;
  learners: Set<NodeId>;
  learnersNext: Set<NodeId>;
  autoLeave: boolean;
}

const copyModel = (m: ModelConfig): ModelConfig => ({
  incoming: new Set(m.incoming),
  outgoing: new Set(m.outgoing),
  learners: new Set(m.learners),
  learnersNext: new Set(m.learnersNext),
  autoLeave: m.autoLeave,
});

/** The documented meaning of each single change. */
function applyModel(m: ModelConfig, changes: readonly ConfChangeSingle[]): void {
  for (const { type, nodeId: id } of changes) {
    switch (type) {
      case ConfChangeType.AddNode:
        m.incoming.add(id);
        m.learners.delete(id);
        m.learnersNext.delete(id);
        break;
      case ConfChangeType.AddLearnerNode:
        if (m.learners.has(id)) break;
        m.incoming.delete(id);
        m.learnersNext.delete(id);
        // An outgoing voter becomes a learner only when the joint configuration is left.
        if (m.outgoing.has(id)) m.learnersNext.add(id);
        else m.learners.add(id);
        break;
      case ConfChangeType.RemoveNode:
        m.incoming.delete(id);
        m.learners.delete(id);
        m.learnersNext.delete(id);
        break;
    }
  }
}

type ChangerOp =
  | { kind: "simple"; changes: ConfChangeSingle[] }
  | { kind: "enterJoint"; autoLeave: boolean; changes: ConfChangeSingle[] }
  | { kind: "leaveJoint" };

const arbChanges = fc.array(fc.record({ type: arbType, nodeId: fc.integer({ min: 1, max: 6 }) }), {
  maxLength: 4,
});
const arbChangerOp: fc.Arbitrary<ChangerOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("simple" as const), changes: arbChanges }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("enterJoint" as const),
      autoLeave: fc.boolean(),
      changes: arbChanges,
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "leaveJoint" as const }) },
);

/** What the model says the op yields, or undefined if it must be refused. */
function expectedResult(before: ModelConfig, op: ChangerOp): ModelConfig | undefined {
  const joint = before.outgoing.size > 0;
  const m = copyModel(before);
  switch (op.kind) {
    case "simple": {
      if (joint) return undefined;
      applyModel(m, op.changes);
      if (m.incoming.size === 0) return undefined;
      const symDiff =
        [...m.incoming].filter((id) => !before.incoming.has(id)).length +
        [...before.incoming].filter((id) => !m.incoming.has(id)).length;
      return symDiff > 1 ? undefined : m;
    }
    case "enterJoint":
      if (joint || m.incoming.size === 0) return undefined;
      m.outgoing = new Set(m.incoming);
      applyModel(m, op.changes);
      m.autoLeave = op.autoLeave;
      return m.incoming.size === 0 ? undefined : m;
    case "leaveJoint":
      if (!joint) return undefined;
      for (const id of m.learnersNext) m.learners.add(id);
      m.learnersNext.clear();
      m.outgoing.clear();
      m.autoLeave = false;
      return m;
  }
}

const sorted = (s: Iterable<NodeId>) => [...s].sort((a, b) => a - b);
const configView = (c: TrackerConfig | ModelConfig) => ({
  incoming: sorted(c.incoming),
  outgoing: sorted(c.outgoing),
  learners: sorted(c.learners),
  learnersNext: sorted(c.learnersNext),
  autoLeave: c.autoLeave,
});
const progressView = (p: ProgressMap) =>
  sorted(p.keys()).map((id) => ({ id, isLearner: p.get(id)?.isLearner, match: p.get(id)?.match }));

function checkInvariants(r: ChangeResult): void {
  const { config: c, progress } = r;
  expect(c.incoming.size).toBeGreaterThan(0);
  const members = new Set([...c.incoming, ...c.outgoing, ...c.learners, ...c.learnersNext]);
  expect(sorted(progress.keys())).toEqual(sorted(members));
  for (const id of c.learners) {
    expect(c.incoming.has(id) || c.outgoing.has(id), `learner ${id} is a voter`).toBe(false);
  }
  for (const id of c.learnersNext) {
    expect(c.outgoing.has(id), `${id} in learnersNext but not outgoing`).toBe(true);
    expect(c.incoming.has(id)).toBe(false);
  }
  for (const [id, pr] of progress) expect(pr.isLearner, `isLearner of ${id}`).toBe(c.learners.has(id));
  if (!c.isJoint()) {
    expect(c.learnersNext.size).toBe(0);
    expect(c.autoLeave).toBe(false);
  }
}

describe("Changer properties", () => {
  const lastIndex = 10;
  const tracker = (r: ChangeResult) => ({
    config: r.config,
    progress: r.progress,
    maxInflight: 4,
    maxInflightBytes: 0,
  });

  it(
    "refuses with ConfChangeError or yields the model's configuration, keeping every invariant",
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
          fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
          fc.array(arbChangerOp, { maxLength: 25 }),
          (voters, learnerIds, changerOps) => {
            const learners = learnerIds.filter((id) => !voters.includes(id));
            let state = restoreConfState(
              { maxInflight: 4, maxInflightBytes: 0 },
              lastIndex,
              confState({ voters, learners }),
            );
            // Give every member a distinct match so we can see that existing progress is carried over.
            for (const [id, pr] of state.progress) pr.match = id * 100;
            let model: ModelConfig = {
              incoming: new Set(voters),
              outgoing: new Set(),
              learners: new Set(learners),
              learnersNext: new Set(),
              autoLeave: false,
            };
            expect(configView(state.config)).toEqual(configView(model));
            checkInvariants(state);

            for (const op of changerOps) {
              const beforeConfig = configView(state.config);
              const beforeProgress = progressView(state.progress);
              const changer = new Changer(tracker(state), lastIndex);
              let result: ChangeResult | undefined;
              let error: unknown;
              try {
                result =
                  op.kind === "simple"
                    ? changer.simple(op.changes)
                    : op.kind === "enterJoint"
                      ? changer.enterJoint(op.autoLeave, op.changes)
                      : changer.leaveJoint();
              } catch (e) {
                error = e;
              }
              // The Changer never touches the tracker it computes from.
              expect(configView(state.config)).toEqual(beforeConfig);
              expect(progressView(state.progress)).toEqual(beforeProgress);

              const want = expectedResult(model, op);
              if (want === undefined) {
                expect(error, `${op.kind} should be refused`).toBeInstanceOf(ConfChangeError);
                continue;
              }
              expect(error).toBeUndefined();
              const next = result as ChangeResult;
              expect(configView(next.config)).toEqual(configView(want));
              checkInvariants(next);
              // Members that stay keep their progress (unless removed and re-added within this change); new
              // ones start probing at the last index.
              const removed =
                op.kind === "leaveJoint"
                  ? []
                  : op.changes.filter((c) => c.type === ConfChangeType.RemoveNode).map((c) => c.nodeId);
              for (const [id, pr] of next.progress) {
                const old = state.progress.get(id);
                if (old !== undefined && removed.includes(id) && !state.config.outgoing.has(id)) continue;
                if (old !== undefined) expect(pr.match).toBe(old.match);
                else
                  expect({ match: pr.match, next: pr.next, recentActive: pr.recentActive }).toEqual({
                    match: 0,
                    next: lastIndex,
                    recentActive: true,
                  });
              }
              // The configuration survives a round trip through its ConfState (a snapshot or a restart).
              const restored = restoreConfState(
                { maxInflight: 4, maxInflightBytes: 0 },
                lastIndex,
                next.config.toConfState(),
              );
              expect(configView(restored.config)).toEqual(configView(next.config));
              expect(progressView(restored.progress).map(({ id, isLearner }) => ({ id, isLearner }))).toEqual(
                progressView(next.progress).map(({ id, isLearner }) => ({ id, isLearner })),
              );
              state = next;
              model = want;
            }
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  it("restoreConfState rejects a ConfState that breaks an invariant", () => {
    const restore = (cs: Parameters<typeof confState>[0]) => () =>
      restoreConfState({ maxInflight: 4, maxInflightBytes: 0 }, 0, confState(cs));
    // A voter that is also a learner.
    expect(restore({ voters: [1, 2], learners: [2] })).toThrow(ConfChangeError);
    // learnersNext must be outgoing voters.
    expect(restore({ voters: [1], votersOutgoing: [1], learnersNext: [2] })).toThrow(ConfChangeError);
    // autoLeave only in a joint configuration.
    expect(restore({ voters: [1], autoLeave: true })).toThrow(ConfChangeError);
    // A consistent joint ConfState with LearnersNext restores as recorded.
    expect(
      restore({ voters: [2], votersOutgoing: [1], learners: [3], learnersNext: [1], autoLeave: true }),
    ).not.toThrow();
  });
});
