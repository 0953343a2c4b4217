import { EventEmitter } from "node:events";
import type { MillraceClientError } from "./errors.js";

/** What a group holds, as the routing table names it (admin.proto's GroupKind). */
export type GroupKind =
  | "GROUP_KIND_UNSPECIFIED"
  | "GROUP_KIND_META"
  | "GROUP_KIND_QUEUE_PARTITION"
  | "GROUP_KIND_TOPIC_PARTITION"
  | "GROUP_KIND_STREAM_SHARD"
  | "GROUP_KIND_LOG";

/**
 * The client's lifecycle, as a discriminated union on `type`:
 * - `connected`: a routing watch (or, in polling mode, a routing fetch) succeeded against `address`.
 * - `disconnected`: the routing watch on `address` broke; the client reconnects by itself.
 * - `leader-changed`: the client now sends a group's traffic to another node, because the routing table
 *   said so or a server redirected a call (`reason`).
 * - `routing-updated`: a newer routing table arrived.
 * - `closed`: `close()` finished; no event follows.
 */
export type StatusEvent =
  | { readonly type: "connected"; readonly address: string; readonly mode: "watch" | "poll" }
  | { readonly type: "disconnected"; readonly address: string; readonly error: MillraceClientError }
  | {
      readonly type: "leader-changed";
      readonly kind: GroupKind;
      readonly resourceName: string;
      readonly partition: number;
      readonly previousLeaderNodeId: number;
      readonly leaderNodeId: number;
      readonly address: string | undefined;
      readonly reason: "routing-table" | "redirect";
    }
  | {
      readonly type: "routing-updated";
      readonly version: string;
      readonly routeCount: number;
      readonly nodeCount: number;
    }
  | { readonly type: "closed" };

/** Events an async-iterator subscriber may fall behind by before the oldest are dropped. */
export const statusBufferMax = 1_000;

/**
 * Fans status events out to `on("status")` listeners and to `status()` iterators. Each iterator keeps a
 * bounded buffer: a consumer that stops reading loses the oldest events, never the client's memory.
 */
export class StatusHub {
  readonly emitter = new EventEmitter();
  private readonly iterators = new Set<(event: StatusEvent | undefined) => void>();
  private closed = false;

  emit(event: StatusEvent): void {
    if (this.closed) return;
    this.emitter.emit("status", event);
    for (const push of this.iterators) push(event);
    if (event.type === "closed") {
      this.closed = true;
      for (const push of this.iterators) push(undefined);
    }
  }

  iterate(signal?: AbortSignal): AsyncIterableIterator<StatusEvent> {
    const buffer: StatusEvent[] = [];
    let ended = this.closed;
    let wake: (() => void) | undefined;
    const push = (event: StatusEvent | undefined) => {
      if (event === undefined) ended = true;
      else {
        if (buffer.length >= statusBufferMax) buffer.shift();
        buffer.push(event);
      }
      wake?.();
    };
    const stop = () => {
      ended = true;
      this.iterators.delete(push);
      wake?.();
    };
    this.iterators.add(push);
    signal?.addEventListener("abort", stop, { once: true });
    const iterator: AsyncIterableIterator<StatusEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        for (;;) {
          const event = buffer.shift();
          if (event !== undefined) return { value: event, done: false };
          if (ended) {
            stop();
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      return: () => {
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
    return iterator;
  }
}
