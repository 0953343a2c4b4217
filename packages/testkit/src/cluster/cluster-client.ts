import { credentials, type ChannelOptions, type ServiceError } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";

/**
 * Channels to nodes that die and come back: reconnect quickly (grpc-js would back off up to two minutes,
 * and a test would then miss a restarted node for that long).
 */
const channelOptions: ChannelOptions = {
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1000,
  "grpc.min_reconnect_backoff_ms": 100,
  "grpc.enable_retries": 0,
};

/** A failed call as the server (or the channel) reported it. */
export interface CallFailure {
  /** The gRPC status code. */
  readonly grpcCode: number;
  /** The Millrace error code from the `millrace-error-code` trailer, or `GRPC_<status>` without one. */
  readonly code: string;
  readonly message: string;
  readonly leaderId: number | undefined;
  /** The leader's client address from the `millrace-leader-address` trailer. */
  readonly leaderAddress: string | undefined;
}

/** Reads the Millrace error trailers of a gRPC error (see packages/server/src/node/grpc-errors.ts). */
export function describeFailure(error: unknown): CallFailure {
  const e = error as Partial<ServiceError>;
  const first = (name: string): string | undefined => {
    const value = e.metadata?.get(name)[0];
    return value === undefined ? undefined : String(value);
  };
  const grpcCode = typeof e.code === "number" ? e.code : -1;
  const leader = first("millrace-leader-id");
  return {
    grpcCode,
    code: first("millrace-error-code") ?? `GRPC_${grpcCode}`,
    message: e.details ?? (error instanceof Error ? error.message : String(error)),
    leaderId: leader === undefined ? undefined : Number(leader),
    leaderAddress: first("millrace-leader-address"),
  };
}

/**
 * Millrace codes that say an append was refused before it could enter the log, so it will never appear:
 * NOT_LEADER (refused or still queued when leadership moved), PROPOSAL_DROPPED (Raft refused it, or
 * another leader's entry took its index), RESOURCE_EXHAUSTED (the proposal queue was full) and bad
 * requests. Everything else (UNAVAILABLE, DEADLINE_EXCEEDED, a broken connection, NOT_FOUND from a
 * replica being dropped, ...) leaves the outcome unknown.
 */
const definiteAppendFailures = new Set([
  "INVALID_ARGUMENT",
  "PAYLOAD_TOO_LARGE",
  "NOT_LEADER",
  "PROPOSAL_DROPPED",
  "RESOURCE_EXHAUSTED",
]);

export function isDefiniteAppendFailure(failure: CallFailure): boolean {
  return definiteAppendFailures.has(failure.code);
}

/** Calls a callback-style unary method as a promise. */
export function unary<T>(
  call: (callback: (error: ServiceError | null, value?: T) => void) => unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    call((error, value) => (error === null ? resolve(value as T) : reject(error)));
  });
}

/** One cached gRPC client per node address, for AdminService and LogService. */
export class ClusterClients {
  private readonly admins = new Map<string, v1.AdminServiceClient>();
  private readonly logs = new Map<string, v1.LogServiceClient>();

  admin(address: string): v1.AdminServiceClient {
    let client = this.admins.get(address);
    if (client === undefined) {
      client = new (loadMillraceProto().millrace.v1.AdminService)(
        address,
        credentials.createInsecure(),
        channelOptions,
      );
      this.admins.set(address, client);
    }
    return client;
  }

  log(address: string): v1.LogServiceClient {
    let client = this.logs.get(address);
    if (client === undefined) {
      client = new (loadMillraceProto().millrace.v1.LogService)(
        address,
        credentials.createInsecure(),
        channelOptions,
      );
      this.logs.set(address, client);
    }
    return client;
  }

  listGroups(address: string, timeoutMs = 2000): Promise<v1.ListGroupsResponse__Output> {
    return unary((cb) => this.admin(address).listGroups({}, { deadline: Date.now() + timeoutMs }, cb));
  }

  listNodes(address: string, timeoutMs = 2000): Promise<v1.ListNodesResponse__Output> {
    return unary((cb) => this.admin(address).listNodes({}, { deadline: Date.now() + timeoutMs }, cb));
  }

  append(address: string, records: Uint8Array[], timeoutMs: number): Promise<v1.AppendResponse__Output> {
    return unary((cb) =>
      this.log(address).append({ groupId: 0, records }, { deadline: Date.now() + timeoutMs }, cb),
    );
  }

  read(address: string, fromSeq: number, limit: number, timeoutMs = 5000): Promise<v1.ReadResponse__Output> {
    return unary((cb) =>
      this.log(address).read(
        { groupId: 0, fromSeq: String(fromSeq), limit },
        { deadline: Date.now() + timeoutMs },
        cb,
      ),
    );
  }

  trim(address: string, beforeSeq: number, timeoutMs = 5000): Promise<v1.TrimResponse__Output> {
    return unary((cb) =>
      this.log(address).trim(
        { groupId: 0, beforeSeq: String(beforeSeq) },
        { deadline: Date.now() + timeoutMs },
        cb,
      ),
    );
  }

  close(): void {
    for (const client of [...this.admins.values(), ...this.logs.values()]) client.close();
    this.admins.clear();
    this.logs.clear();
  }
}
