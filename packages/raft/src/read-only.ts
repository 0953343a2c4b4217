import { type Message, type NodeId } from "./types.js";

/**
 * How linearizable reads are served. Safe: the leader confirms it is still leader with a round of
 * heartbeats for each batch of reads (ReadIndex). LeaseBased: the leader trusts that no other leader can
 * exist before its election timeout runs out; this depends on bounded clock drift and requires CheckQuorum.
 */
export const ReadOnlyOption = {
  Safe: "safe",
  LeaseBased: "lease-based",
} as const;
export type ReadOnlyOption = (typeof ReadOnlyOption)[keyof typeof ReadOnlyOption];

interface ReadIndexStatus {
  readonly request: Message;
  readonly index: number;
  readonly acks: Map<NodeId, boolean>;
}

/** Raft's bookkeeping of pending ReadIndex requests, keyed by their request context. */
export class ReadOnly {
  private readonly pending = new Map<string, ReadIndexStatus>();
  private queue: string[] = [];

  constructor(readonly option: ReadOnlyOption) {}

  /** Queues a read request that can be answered at `index` once a quorum confirms our leadership. */
  addRequest(index: number, request: Message): void {
    const key = contextKey(request.entries[0]?.data);
    if (this.pending.has(key)) return;
    this.pending.set(key, { index, request, acks: new Map() });
    this.queue.push(key);
  }

  /** Records a heartbeat acknowledgement carrying `context`; returns the acks so far, if the request is known. */
  recvAck(id: NodeId, context: Uint8Array | undefined): ReadonlyMap<NodeId, boolean> | undefined {
    const status = this.pending.get(contextKey(context));
    if (status === undefined) return undefined;
    status.acks.set(id, true);
    return status.acks;
  }

  /**
   * Dequeues the request with `context` and every request queued before it: a quorum confirming the later
   * one confirms the earlier ones too.
   */
  advance(context: Uint8Array | undefined): { request: Message; index: number }[] {
    const key = contextKey(context);
    const position = this.queue.indexOf(key);
    if (position < 0) return [];
    const released = this.queue.slice(0, position + 1);
    this.queue = this.queue.slice(position + 1);
    return released.map((k) => {
      const status = this.pending.get(k) as ReadIndexStatus;
      this.pending.delete(k);
      return { request: status.request, index: status.index };
    });
  }

  /** The context of the newest pending request, to piggyback on heartbeats. */
  lastPendingRequestContext(): Uint8Array | undefined {
    const key = this.queue[this.queue.length - 1];
    return key === undefined ? undefined : keyContext(key);
  }

  get pendingCount(): number {
    return this.queue.length;
  }
}

function contextKey(context: Uint8Array | undefined): string {
  if (context === undefined) return "";
  let key = "";
  for (const byte of context) key += String.fromCharCode(byte);
  return key;
}

function keyContext(key: string): Uint8Array {
  const bytes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
  return bytes;
}
