import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type ServerErrorResponse,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import { errorCodeInfo, type ErrorCode } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";

/**
 * Real gRPC servers on 127.0.0.1 with fake behaviour, for testing the SDK against the wire: each test
 * supplies just the handlers it needs; routing comes from a shared, versioned table that watchers follow.
 */
export interface FakeHandlers {
  readonly admin?: Partial<v1.AdminServiceHandlers>;
  readonly queue?: Partial<v1.QueueServiceHandlers>;
  readonly log?: Partial<v1.LogServiceHandlers>;
}

export interface FakeServer {
  readonly address: string;
  readonly calls: { method: string; request: unknown }[];
  stop(): Promise<void>;
}

export async function startServer(handlers: FakeHandlers): Promise<FakeServer> {
  const proto = loadMillraceProto().millrace.v1;
  const server = new Server();
  const calls: { method: string; request: unknown }[] = [];
  const record = (impl: object | undefined): UntypedServiceImplementation => {
    const out: UntypedServiceImplementation = {};
    for (const [name, fn] of Object.entries(impl ?? {})) {
      out[name] = (call: { request: unknown }, callback?: unknown) => {
        calls.push({ method: name, request: call.request });
        return (fn as (c: unknown, cb: unknown) => void)(call, callback);
      };
    }
    return out;
  };
  server.addService(proto.AdminService.service, record(handlers.admin));
  server.addService(proto.QueueService.service, record(handlers.queue));
  server.addService(proto.LogService.service, record(handlers.log));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (err, p) =>
      err === null ? resolve(p) : reject(err),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

/** An address nothing listens on: a server bound and shut down at once. */
export async function deadAddress(): Promise<string> {
  const s = await startServer({});
  await s.stop();
  return s.address;
}

/** A gRPC error with the trailers Millrace servers send. */
export function millraceError(
  code: ErrorCode,
  options: {
    readonly grpcStatus?: status;
    readonly retryable?: boolean;
    readonly leaderId?: number;
    readonly leaderAddress?: string;
    readonly field?: string;
    readonly message?: string;
  } = {},
): ServerErrorResponse {
  const metadata = new Metadata();
  metadata.set("millrace-error-code", code);
  metadata.set("millrace-retryable", String(options.retryable ?? errorCodeInfo[code].retryable));
  if (options.leaderId !== undefined) metadata.set("millrace-leader-id", String(options.leaderId));
  if (options.leaderAddress !== undefined) metadata.set("millrace-leader-address", options.leaderAddress);
  if (options.field !== undefined) metadata.set("millrace-field", options.field);
  const grpcStatus = options.grpcStatus ?? defaultStatus(code);
  const message = options.message ?? errorCodeInfo[code].message;
  return Object.assign(new Error(message), { code: grpcStatus, details: `${code}: ${message}`, metadata });
}

function defaultStatus(code: ErrorCode): status {
  switch (code) {
    case "INVALID_ARGUMENT":
      return status.INVALID_ARGUMENT;
    case "NOT_FOUND":
      return status.NOT_FOUND;
    case "RESOURCE_EXHAUSTED":
      return status.RESOURCE_EXHAUSTED;
    case "FAILED_PRECONDITION":
      return status.FAILED_PRECONDITION;
    default:
      return status.UNAVAILABLE;
  }
}

export interface RouteSpec {
  readonly resourceName: string;
  readonly partition: number;
  readonly leaderNodeId: number;
  readonly kind?: v1.GroupKind__Output;
}

/** A versioned routing table shared by fake nodes; `set` bumps the version and tells every watcher. */
export class FakeRouting {
  private version = 0;
  private table: v1.RoutingTable = { version: "0", routes: [], nodes: [] };
  private readonly watchers = new Set<(t: v1.RoutingTable) => void>();

  set(nodes: readonly { nodeId: number; address: string }[], routes: readonly RouteSpec[]): void {
    this.version += 1;
    this.table = {
      version: String(this.version),
      routes: routes.map((r, i) => ({
        groupId: String(i + 10),
        kind: r.kind ?? "GROUP_KIND_QUEUE_PARTITION",
        resourceName: r.resourceName,
        partition: r.partition,
        leaderNodeId: r.leaderNodeId,
        replicaNodeIds: nodes.map((n) => n.nodeId),
        leaderTerm: "1",
      })),
      nodes: nodes.map((n) => ({ nodeId: n.nodeId, clientAddress: n.address })),
    };
    for (const w of this.watchers) w(this.table);
  }

  /** AdminService handlers serving this table: Get, and Watch unless `watch` is false. */
  handlers(options: { readonly watch?: boolean } = {}): Partial<v1.AdminServiceHandlers> {
    const get: v1.AdminServiceHandlers["GetRoutingTable"] = (_call, callback) => callback(null, this.table);
    if (options.watch === false) return { GetRoutingTable: get };
    return {
      GetRoutingTable: get,
      WatchRoutingTable: (call) => {
        const send = (t: v1.RoutingTable) => {
          if (!call.cancelled) call.write(t);
        };
        if (call.request.knownVersion !== this.table.version) send(this.table);
        this.watchers.add(send);
        const stop = () => this.watchers.delete(send);
        call.on("cancelled", stop);
        call.on("close", stop);
      },
    };
  }

  get watcherCount(): number {
    return this.watchers.size;
  }
}

/** Resolves when `predicate` holds, checking after every macrotask; the test's own timeout bounds it. */
export async function eventually(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A promise with its resolve function outside, for handlers that wait on the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export function sendOk(messageId: string): v1.SendMessageResponse {
  return { messageId, md5OfMessageBody: "md5", md5OfMessageAttributes: "", sequenceNumber: "" };
}
