import { limits } from "@millrace/common";
import type { Queue } from "./queue.js";

interface PendingDelete {
  readonly receiptHandle: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers single deletes into DeleteMessageBatch calls of up to 10, each sent when it is full or
 * `lingerMs` after its first delete: a consumer deleting every handled message with a call of its own
 * pays a call's cost (tens of µs of CPU here, more on the node) per message. Each `delete` settles with
 * its own entry's outcome. Deletes wait for at most one linger and one call; what waits is bounded by
 * the caller (a consumer has at most `concurrency` handlers, each awaiting its delete).
 */
export class DeleteBatcher {
  private pending: PendingDelete[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly lingerMs: number,
  ) {}

  delete(receiptHandle: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ receiptHandle, resolve, reject });
      if (this.pending.length >= limits.batchEntriesMax) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, limits.batchEntriesMax);
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
}
