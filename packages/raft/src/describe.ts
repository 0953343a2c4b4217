import { decodeConfChange, describeConfChange } from "./conf-change.js";
import { type Ready } from "./raw-node.js";
import {
  EntryType,
  isEmptySnapshot,
  messageTypeName,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  type Snapshot,
  type SoftState,
} from "./types.js";

/**
 * Human-readable renderings of the core's values, in the style of etcd-io/raft's describe.go. Used by
 * logs, `millrace status` and the golden interaction tests, so the format is kept stable.
 */

const textDecoder = new TextDecoder("utf-8", { fatal: false });

export function describeEntry(entry: Entry): string {
  if (entry.type === EntryType.ConfChange) {
    let body: string;
    try {
      body = describeConfChange(decodeConfChange(entry.data));
    } catch {
      body = `<undecodable ${entry.data.byteLength} bytes>`;
    }
    return `${entry.term}/${entry.index} EntryConfChangeV2 ${body}`;
  }
  return `${entry.term}/${entry.index} EntryNormal ${JSON.stringify(textDecoder.decode(entry.data))}`;
}

export function describeEntries(entries: readonly Entry[]): string {
  return entries.map((e) => describeEntry(e)).join("\n");
}

export function describeConfState(cs: ConfState): string {
  let text = `Voters:[${cs.voters.join(" ")}] VotersOutgoing:[${cs.votersOutgoing.join(" ")}] Learners:[${cs.learners.join(" ")}] LearnersNext:[${cs.learnersNext.join(" ")}]`;
  if (cs.autoLeave) text += " AutoLeave:true";
  return text;
}

export function describeSnapshot(snapshot: Snapshot): string {
  const m = snapshot.metadata;
  return `Index:${m.index} Term:${m.term} ConfState:${describeConfState(m.confState)}`;
}

export function describeHardState(hs: HardState): string {
  return `Term:${hs.term} Vote:${hs.vote} Commit:${hs.commit}`;
}

export function describeSoftState(ss: SoftState): string {
  return `Lead:${ss.lead} State:State${ss.raftState}`;
}

export function describeMessage(m: Message): string {
  let text = `${m.from}->${m.to} ${messageTypeName(m.type)} Term:${m.term} Log:${m.logTerm}/${m.index}`;
  if (m.reject) text += ` Rejected (Hint: ${m.rejectHint})`;
  if (m.commit !== 0) text += ` Commit:${m.commit}`;
  if (m.entries.length > 0) text += ` Entries:[${m.entries.map((e) => describeEntry(e)).join(", ")}]`;
  if (m.snapshot !== undefined && !isEmptySnapshot(m.snapshot))
    text += ` Snapshot: ${describeSnapshot(m.snapshot)}`;
  if (m.context !== undefined && m.context.byteLength > 0)
    text += ` Context:${JSON.stringify(textDecoder.decode(m.context))}`;
  return text;
}

export function describeReady(rd: Ready): string {
  const lines: string[] = [];
  if (rd.softState !== undefined) lines.push(describeSoftState(rd.softState));
  if (rd.hardState !== undefined) lines.push(`HardState ${describeHardState(rd.hardState)}`);
  if (rd.readStates.length > 0) {
    lines.push(
      `ReadStates ${rd.readStates.map((r) => `{Index:${r.index} RequestCtx:${JSON.stringify(textDecoder.decode(r.requestCtx))}}`).join(" ")}`,
    );
  }
  if (rd.entries.length > 0) lines.push("Entries:", describeEntries(rd.entries));
  if (rd.snapshot !== undefined && !isEmptySnapshot(rd.snapshot))
    lines.push(`Snapshot ${describeSnapshot(rd.snapshot)}`);
  if (rd.committedEntries.length > 0) lines.push("CommittedEntries:", describeEntries(rd.committedEntries));
  if (rd.messages.length > 0) lines.push("Messages:", ...rd.messages.map((m) => describeMessage(m)));
  if (lines.length === 0) return "<empty Ready>";
  return [`Ready MustSync=${rd.mustSync}:`, ...lines].join("\n");
}
