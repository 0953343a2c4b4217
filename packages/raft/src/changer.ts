import { ConfChangeType, type ConfChangeSingle } from "./conf-change.js";
import { Inflights } from "./inflights.js";
import { Progress } from "./progress.js";
import { TrackerConfig, type ProgressMap, type ProgressTracker } from "./tracker.js";
import { type ConfState, type NodeId } from "./types.js";

/** A membership change that cannot be applied; the configuration is left unchanged. */
export class ConfChangeError extends Error {
  override readonly name = "ConfChangeError";
}

export interface ChangeResult {
  config: TrackerConfig;
  progress: ProgressMap;
}

/**
 * Computes new configurations from the tracker's current one without touching it: the caller installs
 * the result only if every invariant holds. Follows etcd-io/raft's confchange package.
 */
export class Changer {
  constructor(
    private readonly tracker: Pick<
      ProgressTracker,
      "config" | "progress" | "maxInflight" | "maxInflightBytes"
    >,
    /** New members start probing from here. */
    private readonly lastIndex: number,
  ) {}

  /** Enters a joint configuration: the current voters become the outgoing half and `changes` shape the incoming. */
  enterJoint(autoLeave: boolean, changes: readonly ConfChangeSingle[]): ChangeResult {
    const { config, progress } = this.checkAndCopy();
    if (config.isJoint()) throw new ConfChangeError("config is already joint");
    if (config.incoming.size === 0) throw new ConfChangeError("can't make a zero-voter config joint");
    for (const id of config.incoming) config.outgoing.add(id);
    this.apply(config, progress, changes);
    config.autoLeave = autoLeave;
    return checkAndReturn(config, progress);
  }

  /** Leaves a joint configuration: outgoing voters not in the incoming half or learners are dropped. */
  leaveJoint(): ChangeResult {
    const { config, progress } = this.checkAndCopy();
    if (!config.isJoint()) throw new ConfChangeError("can't leave a non-joint config");
    for (const id of config.learnersNext) {
      config.learners.add(id);
      (progress.get(id) as Progress).isLearner = true;
    }
    config.learnersNext.clear();
    for (const id of config.outgoing) {
      if (!config.incoming.has(id) && !config.learners.has(id)) progress.delete(id);
    }
    config.outgoing.clear();
    config.autoLeave = false;
    return checkAndReturn(config, progress);
  }

  /** Applies changes that alter at most one voter, outside a joint configuration. */
  simple(changes: readonly ConfChangeSingle[]): ChangeResult {
    const { config, progress } = this.checkAndCopy();
    if (config.isJoint()) throw new ConfChangeError("can't apply simple config change in joint config");
    this.apply(config, progress, changes);
    if (symmetricDifference(this.tracker.config.incoming, config.incoming) > 1) {
      throw new ConfChangeError("more than one voter changed without entering joint config");
    }
    return checkAndReturn(config, progress);
  }

  private apply(config: TrackerConfig, progress: ProgressMap, changes: readonly ConfChangeSingle[]): void {
    for (const change of changes) {
      switch (change.type) {
        case ConfChangeType.AddNode:
          this.makeVoter(config, progress, change.nodeId);
          break;
        case ConfChangeType.AddLearnerNode:
          this.makeLearner(config, progress, change.nodeId);
          break;
        case ConfChangeType.RemoveNode:
          remove(config, progress, change.nodeId);
          break;
      }
    }
    if (config.incoming.size === 0) throw new ConfChangeError("removed all voters");
  }

  private makeVoter(config: TrackerConfig, progress: ProgressMap, id: NodeId): void {
    const pr = progress.get(id);
    if (pr === undefined) {
      this.initProgress(config, progress, id, false);
      return;
    }
    pr.isLearner = false;
    config.learners.delete(id);
    config.learnersNext.delete(id);
    config.incoming.add(id);
  }

  private makeLearner(config: TrackerConfig, progress: ProgressMap, id: NodeId): void {
    const pr = progress.get(id);
    if (pr === undefined) {
      this.initProgress(config, progress, id, true);
      return;
    }
    if (pr.isLearner) return;
    remove(config, progress, id);
    progress.set(id, pr);
    // A voter of the outgoing half may not be a learner at the same time: it becomes one on leaving.
    if (config.outgoing.has(id)) {
      config.learnersNext.add(id);
    } else {
      pr.isLearner = true;
      config.learners.add(id);
    }
  }

  private initProgress(config: TrackerConfig, progress: ProgressMap, id: NodeId, isLearner: boolean): void {
    if (isLearner) config.learners.add(id);
    else config.incoming.add(id);
    progress.set(
      id,
      new Progress({
        // Probing starts at the leader's last index; the follower's rejection hint walks it back.
        next: Math.max(this.lastIndex, 1),
        isLearner,
        inflights: new Inflights(this.tracker.maxInflight, this.tracker.maxInflightBytes),
        // A new member counts as active so CheckQuorum does not depose the leader before it is heard from.
        recentActive: true,
      }),
    );
  }

  private checkAndCopy(): ChangeResult {
    const config = this.tracker.config.clone();
    const progress: ProgressMap = new Map();
    for (const [id, pr] of this.tracker.progress) progress.set(id, pr.clone());
    checkInvariants(config, progress);
    return { config, progress };
  }
}

function remove(config: TrackerConfig, progress: ProgressMap, id: NodeId): void {
  if (!progress.has(id)) return;
  config.incoming.delete(id);
  config.learners.delete(id);
  config.learnersNext.delete(id);
  // An outgoing voter keeps its progress until the joint configuration is left.
  if (!config.outgoing.has(id)) progress.delete(id);
}

function checkAndReturn(config: TrackerConfig, progress: ProgressMap): ChangeResult {
  checkInvariants(config, progress);
  return { config, progress };
}

function checkInvariants(config: TrackerConfig, progress: ProgressMap): void {
  for (const ids of [config.incoming, config.outgoing, config.learners, config.learnersNext]) {
    for (const id of ids) {
      if (!progress.has(id)) throw new ConfChangeError(`no progress for ${id}`);
    }
  }
  for (const id of config.learnersNext) {
    if (!config.outgoing.has(id)) throw new ConfChangeError(`${id} is in LearnersNext, but not Voters[1]`);
    if (progress.get(id)?.isLearner === true) {
      throw new ConfChangeError(`${id} is in LearnersNext, but is already marked as learner`);
    }
  }
  for (const id of config.learners) {
    if (config.outgoing.has(id)) throw new ConfChangeError(`${id} is in Learners and Voters[1]`);
    if (config.incoming.has(id)) throw new ConfChangeError(`${id} is in Learners and Voters[0]`);
    if (progress.get(id)?.isLearner !== true) {
      throw new ConfChangeError(`${id} is in Learners, but is not marked as learner`);
    }
  }
  if (!config.isJoint()) {
    if (config.learnersNext.size > 0)
      throw new ConfChangeError("cfg.LearnersNext must be empty when not joint");
    if (config.autoLeave) throw new ConfChangeError("AutoLeave must be false when not joint");
  }
}

function symmetricDifference(a: ReadonlySet<NodeId>, b: ReadonlySet<NodeId>): number {
  let n = 0;
  for (const id of a) if (!b.has(id)) n++;
  for (const id of b) if (!a.has(id)) n++;
  return n;
}

/**
 * Rebuilds a tracker configuration from a ConfState (after a restart or a snapshot) by replaying it as
 * a series of changes from an empty configuration, so every invariant is checked on the way.
 */
export function restoreConfState(
  tracker: Pick<ProgressTracker, "maxInflight" | "maxInflightBytes">,
  lastIndex: number,
  cs: ConfState,
): ChangeResult {
  const outgoing: ConfChangeSingle[] = cs.votersOutgoing.map((nodeId) => ({
    type: ConfChangeType.AddNode,
    nodeId,
  }));
  const incoming: ConfChangeSingle[] = [
    ...cs.votersOutgoing.map((nodeId) => ({ type: ConfChangeType.RemoveNode, nodeId })),
    ...cs.voters.map((nodeId) => ({ type: ConfChangeType.AddNode, nodeId })),
    ...cs.learners.map((nodeId) => ({ type: ConfChangeType.AddLearnerNode, nodeId })),
    ...cs.learnersNext.map((nodeId) => ({ type: ConfChangeType.AddLearnerNode, nodeId })),
  ];
  let state: ChangeResult = { config: new TrackerConfig(), progress: new Map() };
  const changer = () =>
    new Changer(
      {
        config: state.config,
        progress: state.progress,
        maxInflight: tracker.maxInflight,
        maxInflightBytes: tracker.maxInflightBytes,
      },
      lastIndex,
    );
  if (outgoing.length === 0) {
    for (const change of incoming) state = changer().simple([change]);
  } else {
    for (const change of outgoing) state = changer().simple([change]);
    state = changer().enterJoint(cs.autoLeave, incoming);
  }
  // The replay accepts some inconsistent ConfStates by reinterpreting them (a voter also listed as a
  // learner is demoted, a learnersNext id that is no outgoing voter becomes a plain learner, autoLeave
  // outside a joint config is dropped), which would install a membership other than the one recorded.
  // Like etcd's assertConfStatesEquivalent after confchange.Restore, refuse what does not round-trip.
  const restored = confStateKey(state.config.toConfState());
  if (restored !== confStateKey(cs)) {
    throw new ConfChangeError(`ConfState ${confStateKey(cs)} is inconsistent: it restores as ${restored}`);
  }
  return state;
}

/** A ConfState's lists, each sorted (duplicates kept), and its autoLeave flag, for comparison. */
function confStateKey(cs: ConfState): string {
  const sorted = (ids: readonly NodeId[]) => [...ids].sort((a, b) => a - b);
  const lists = [cs.voters, cs.votersOutgoing, cs.learners, cs.learnersNext].map(sorted);
  return JSON.stringify({ lists, autoLeave: cs.autoLeave });
}
