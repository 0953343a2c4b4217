import { MessageType, newMessage, type Message } from "@millrace/raft";
import { type GroupReplica } from "./group-replica.js";

/**
 * Idle groups stop ticking. With thousands of groups per node, heartbeats of idle groups would
 * otherwise dominate the traffic and CPU; instead a leader whose group has been idle for a while sends
 * one last heartbeat marked "quiesce", after which leader and followers stop ticking that group. Any other
 * message, proposal or read wakes it. A follower must not wait forever on a dead leader, so followers of
 * quiesced groups watch the leader's node through a node-level heartbeat (one small message per node pair
 * per tick, the coalesced heartbeat) and wake their groups when that node falls silent.
 */
export const quiesceContext = new TextEncoder().encode("\u0000quiesce");

export function isQuiesceMessage(m: Message): boolean {
  const c = m.context;
  if (c === undefined || c.byteLength !== quiesceContext.byteLength) return false;
  for (let i = 0; i < c.byteLength; i++) if (c[i] !== quiesceContext[i]) return false;
  return true;
}

/** Whether a leader's group is fully idle: everything replicated, committed and applied, nothing waiting. */
export function canQuiesce(replica: GroupReplica): boolean {
  if (!replica.isLeader || replica.hasPendingWork()) return false;
  const raft = replica.rawNode.raft;
  const last = raft.raftLog.lastIndex();
  if (raft.raftLog.committed !== last || replica.appliedIndex !== last || raft.leadTransferee !== 0)
    return false;
  if (raft.tracker.config.isJoint()) return false;
  // Every member holds the whole log. (recentActive is not required: CheckQuorum clears it every
  // election timeout, and a member that is down simply finds nothing missing when it returns.)
  for (const [id, pr] of raft.tracker.progress) {
    if (id !== raft.id && pr.match !== last) return false;
  }
  return true;
}

/** The heartbeats a leader sends as it quiesces: carrying the commit index, marked with the quiesce context. */
export function quiesceHeartbeats(replica: GroupReplica): Message[] {
  const raft = replica.rawNode.raft;
  const messages: Message[] = [];
  for (const id of raft.tracker.progress.keys()) {
    if (id === raft.id) continue;
    messages.push(
      newMessage({
        type: MessageType.Heartbeat,
        from: raft.id,
        to: id,
        term: raft.term,
        commit: raft.raftLog.committed,
        context: quiesceContext,
      }),
    );
  }
  return messages;
}

/** A follower quiesces on its leader's quiesce heartbeat if it is as caught up as the leader says. */
export function followerMayQuiesce(replica: GroupReplica, m: Message): boolean {
  const raft = replica.rawNode.raft;
  return (
    m.type === MessageType.Heartbeat &&
    m.from === raft.lead &&
    m.term === raft.term &&
    raft.raftLog.committed === m.commit &&
    raft.raftLog.lastIndex() === m.commit &&
    !replica.hasPendingWork()
  );
}
