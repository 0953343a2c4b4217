import { status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { ErrorCode } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { sleep } from "./abort.js";
import { backoffMs, type ResolvedRetryOptions } from "./backoff.js";
import { openServerStream } from "./channels.js";
import { MillraceClientError, isAbortError } from "./errors.js";
import { fromGrpcError } from "./grpc-error-parsing.js";
import type { Logger } from "./logger.js";
import { anyNode } from "./routing.js";
import type { StatusEvent } from "./status.js";
import type { CallOptions, Transport } from "./transport.js";

export interface RoutingFollowerOptions {
  readonly transport: Transport;
  readonly retry: ResolvedRetryOptions;
  readonly emit: (event: StatusEvent) => void;
  readonly logger: Logger;
  /** How often to fetch the table when the servers cannot stream it. */
  readonly pollIntervalMs: number;
  readonly random?: () => number;
}

/**
 * Keeps the router's table current: one WatchRoutingTable stream to some node, reopened on another
 * node with backoff when it breaks (fetching the table once meanwhile, so a leader change during the
 * outage is not missed), and periodic GetRoutingTable polls when the servers do not implement the watch.
 */
export class RoutingFollower {
  private readonly stopped = new AbortController();
  private stream: ClientReadableStream<v1.RoutingTable__Output> | undefined;
  private refreshing: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private readonly random: () => number;

  constructor(private readonly options: RoutingFollowerOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Fetches the table from any endpoint that answers; UNIMPLEMENTED leaves the client without routes. */
  async fetch(callOptions: CallOptions = {}): Promise<void> {
    const { transport } = this.options;
    try {
      const table = await transport.call(
        {
          method: loadMillraceProto().millrace.v1.AdminService.service.GetRoutingTable,
          request: {
            knownVersion: String(transport.router.tableVersion < 0n ? 0n : transport.router.tableVersion),
          },
          target: anyNode,
          retry: "retryable",
        },
        callOptions,
      );
      transport.router.update(table);
    } catch (err) {
      if (err instanceof MillraceClientError && err.grpcStatus === status.UNIMPLEMENTED) return;
      throw err;
    }
  }

  /** A fetch in the background, at most one at a time; failures only get logged. */
  refresh(): void {
    if (this.refreshing !== undefined || this.stopped.signal.aborted) return;
    this.refreshing = this.fetch({ signal: this.stopped.signal })
      .catch((err: unknown) => {
        if (!isAbortError(err)) this.options.logger.warn({ err }, "millrace: routing table refresh failed");
      })
      .finally(() => (this.refreshing = undefined));
  }

  start(): void {
    this.loop ??= this.follow();
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.stream?.cancel();
    await Promise.allSettled([this.loop, this.refreshing]);
  }

  private async follow(): Promise<void> {
    const { transport, emit, retry } = this.options;
    let failures = 0;
    while (!this.stopped.signal.aborted) {
      const address = transport.router.pickAny();
      const outcome = await this.watchOnce(address);
      if (this.stopped.signal.aborted) return;
      if (outcome.unimplemented) {
        await this.poll();
        return;
      }
      emit({ type: "disconnected", address, error: outcome.error });
      failures = outcome.received ? 0 : failures + 1;
      if (outcome.error.code === ErrorCode.UNAVAILABLE) transport.router.markUnhealthy(address);
      this.refresh();
      try {
        await sleep(Math.max(backoffMs(failures, retry, this.random), 1), this.stopped.signal);
      } catch {
        return;
      }
    }
  }

  /** Follows one watch stream until it ends; says whether it delivered anything and why it ended. */
  private watchOnce(
    address: string,
  ): Promise<{ received: boolean; unimplemented: boolean; error: MillraceClientError }> {
    const { transport, emit, logger } = this.options;
    return new Promise((resolve) => {
      let received = false;
      let stream: ClientReadableStream<v1.RoutingTable__Output>;
      try {
        // Asking from version 0 makes the server send its current table at once, which both catches up
        // on changes missed while disconnected and proves the stream works.
        stream = openServerStream(
          transport.channels.get(address),
          loadMillraceProto().millrace.v1.AdminService.service.WatchRoutingTable,
          { knownVersion: "0" },
          transport.metadata,
        );
      } catch (err) {
        resolve({
          received,
          unimplemented: false,
          error: new MillraceClientError(ErrorCode.CANCELLED, "closed", { cause: err }),
        });
        return;
      }
      this.stream = stream;
      stream.on("data", (table: v1.RoutingTable__Output) => {
        if (!received) {
          received = true;
          transport.router.markHealthy(address);
          emit({ type: "connected", address, mode: "watch" });
        }
        transport.router.update(table);
      });
      stream.on("error", (err: ServiceError) => {
        const error = fromGrpcError(err, address);
        logger.debug({ address, code: error.code }, "millrace: routing watch ended");
        resolve({ received, unimplemented: err.code === status.UNIMPLEMENTED, error });
      });
      stream.on("end", () => {
        resolve({
          received,
          unimplemented: false,
          error: new MillraceClientError(ErrorCode.UNAVAILABLE, "the routing watch ended", { address }),
        });
      });
    });
  }

  private async poll(): Promise<void> {
    const { emit, pollIntervalMs, logger, transport } = this.options;
    let lastOk = false;
    while (!this.stopped.signal.aborted) {
      try {
        await this.fetch({ signal: this.stopped.signal });
        if (!lastOk)
          emit({ type: "connected", address: transport.router.lastHealthyAddress ?? "", mode: "poll" });
        lastOk = true;
      } catch (err) {
        if (isAbortError(err)) return;
        lastOk = false;
        logger.warn({ err }, "millrace: routing table poll failed");
      }
      try {
        await sleep(pollIntervalMs, this.stopped.signal);
      } catch {
        return;
      }
    }
  }
}
