import { limits } from "@millrace/common";
import type { Queue } from "./queue.js";

interface PendingDelete {
  readonly receiptHandle: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The deletes waiting for one partition (or, keyed `undefined`, for partitions the SDK cannot tell). */
interface Gathering {
  readonly deletes: PendingDelete[];
  readonly timer: NodeJS.Timeout;
}

/**
 * Gathers single deletes into DeleteMessageBatch calls of up to 10, each sent when it is full or
 * `lingerMs` after its first delete: a consumer deleting every handled message with a call of its own
 * pays a call's cost (tens of µs of CPU here, more on the node) per message. A batch holds the handles
 * of one partition, so it goes straight to that partition's leader and is one partition operation
 * there; a batch mixing partitions was split by the node that took it and forwarded to the others'
 * leaders. Each `delete` settles with its own entry's outcome. Deletes wait for at most one linger and
 * one call; what waits is bounded by the caller (a consumer has at most `concurrency` handlers, each
 * awaiting its delete).
 */
export class DeleteBatcher {
  private readonly gathering = new Map<number | undefined, Gathering>();

  constructor(
    private readonly queue: Queue,
    private readonly lingerMs: number,
  ) {}

  delete(receiptHandle: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const partition = this.queue.partitionOfHandle(receiptHandle);
      let gathering = this.gathering.get(partition);
      if (gathering === undefined) {
        gathering = { deletes: [], timer: setTimeout(() => this.flush(partition), this.lingerMs) };
        this.gathering.set(partition, gathering);
      }
      gathering.deletes.push({ receiptHandle, resolve, reject });
      if (gathering.deletes.length >= limits.batchEntriesMax) this.flush(partition);
    });
  }

  private flush(partition: number | undefined): void {
    const gathering = this.gathering.get(partition);
    if (gathering === undefined) return;
    clearTimeout(gathering.timer);
    this.gathering.delete(partition);
    const batch = gathering.deletes;
    this.queue.deleteBatch(batch.map((d) => d.receiptHandle)).then(
      (results) =>
        results.forEach((result, i) => {
          const entry = batch[i] as PendingDelete;
          if (result.ok) entry.resolve();
          else entry.reject(result.error);
        }),
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  }
}
