import { BoundedQueue, ErrorCode, MillraceError, type ApplyResult } from "@millrace/common";

/** A proposal waiting to enter the log, or appended and waiting to be applied. */
export interface PendingProposal {
  readonly data: Uint8Array;
  resolve(result: ApplyResult<unknown>): void;
  reject(error: Error): void;
}

/**
 * The per-group proposals not yet handed to Raft. Bounded in count and bytes: a full queue answers
 * RESOURCE_EXHAUSTED at once, so a slow group pushes back on its callers instead of buffering without end.
 */
export class ProposalQueue {
  private readonly queue: BoundedQueue<PendingProposal>;

  constructor(groupId: number, itemsMax: number, bytesMax: number) {
    this.queue = new BoundedQueue<PendingProposal>({
      name: `proposal queue of group ${groupId}`,
      itemsMax,
      bytesMax,
      sizeOf: (p) => p.data.byteLength,
    });
  }

  get size(): number {
    return this.queue.size;
  }

  /** Enqueues or throws RESOURCE_EXHAUSTED (retryable). */
  add(proposal: PendingProposal): void {
    if (!this.queue.offer(proposal)) {
      throw new MillraceError(
        ErrorCode.RESOURCE_EXHAUSTED,
        "the group's proposal queue is full; retry later",
      );
    }
  }

  /** Takes up to `max` proposals and at most `bytesMax` bytes (but at least one), in order. */
  take(max: number, bytesMax: number): PendingProposal[] {
    const taken: PendingProposal[] = [];
    let bytes = 0;
    while (taken.length < max) {
      const next = this.queue.peek();
      if (next === undefined) break;
      if (taken.length > 0 && bytes + next.data.byteLength > bytesMax) break;
      this.queue.poll();
      taken.push(next);
      bytes += next.data.byteLength;
    }
    return taken;
  }

  rejectAll(error: Error): void {
    for (const p of this.queue.drain()) p.reject(error);
  }
}
