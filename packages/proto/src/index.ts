/**
 * @millrace/proto: the gRPC services of proto/ (the public API millrace.v1 and the node-to-node protocol
 * millrace.internal.v1), loaded at run time with @grpc/proto-loader and typed by the checked-in output of
 * proto-loader-gen-types (scripts/gen-proto.ts).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync, type Options } from "@grpc/proto-loader";
import type { ProtoGrpcType as AdminProto } from "./generated/admin.js";
import type { ProtoGrpcType as CommonProto } from "./generated/common.js";
import type { ProtoGrpcType as LogProto } from "./generated/log.js";
import type { ProtoGrpcType as PeerProto } from "./generated/peer.js";
import type { ProtoGrpcType as QueueProto } from "./generated/queue.js";
import type { ProtoGrpcType as StreamProto } from "./generated/stream.js";
import type { ProtoGrpcType as TopicProto } from "./generated/topic.js";

/** Every message, enum and service type of the public API, e.g. `v1.SendMessageRequest`. */
export type * as v1 from "./generated/millrace/v1/index.js";
/** Every message, enum and service type of the node-to-node protocol, e.g. `internalV1.PeerFrame`. */
export type * as internalV1 from "./generated/millrace/internal/v1/index.js";

/** The .proto files this package loads, relative to the proto root directory. */
export const protoFiles = [
  "millrace/v1/common.proto",
  "millrace/v1/queue.proto",
  "millrace/v1/topic.proto",
  "millrace/v1/stream.proto",
  "millrace/v1/admin.proto",
  "millrace/v1/log.proto",
  "millrace/internal/v1/peer.proto",
] as const;

/**
 * How protobuf messages map to JavaScript objects. scripts/gen-proto.ts passes the same settings to the
 * generator, so the generated types describe exactly what the loader produces:
 * - keepCase false: fields are camelCase (`queueName` for `queue_name`), like the rest of our TypeScript.
 *   The AWS-compatible API has its own PascalCase shapes, so keeping the proto case would buy nothing.
 * - longs String: 64-bit integers arrive as decimal strings, never as a lossy number or a Long object.
 * - enums String: enum values are their names (`"SHARD_STATE_OPEN"`), readable in logs and switch cases.
 * - defaults true: received messages carry every scalar, repeated and map field, as the `__Output` types
 *   promise; unset message fields arrive as null. Fields marked `optional` in proto keep their presence.
 * - oneofs true: each oneof gets a virtual field naming the member that is set (`frame.body`).
 */
export const protoLoaderOptions = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies Options;

/**
 * The loaded package tree, with a constructor and a service definition for each service:
 * `proto.millrace.v1.QueueService` is a client class, `proto.millrace.v1.QueueService.service` is what
 * `Server.addService` takes.
 */
export type MillraceProto = AdminProto &
  CommonProto &
  LogProto &
  PeerProto &
  QueueProto &
  StreamProto &
  TopicProto;

export interface LoadMillraceProtoOptions {
  /** The directory holding `millrace/v1/*.proto`; found next to this package when omitted. */
  readonly protoRootDir?: string;
}

let defaultProto: MillraceProto | undefined;

/**
 * Parses the .proto files and returns the typed service tree. Parsing takes a while, so the result for
 * the default proto root is built once and shared; it is immutable in practice (grpc-js never changes it).
 */
export function loadMillraceProto(options: LoadMillraceProtoOptions = {}): MillraceProto {
  if (options.protoRootDir !== undefined) return load(options.protoRootDir);
  defaultProto ??= load(findProtoRootDir());
  return defaultProto;
}

function load(protoRootDir: string): MillraceProto {
  const packageDefinition = loadSync([...protoFiles], { ...protoLoaderOptions, includeDirs: [protoRootDir] });
  // The generated ProtoGrpcType types describe exactly this object; grpc-js itself only knows it as an
  // untyped GrpcObject.
  return loadPackageDefinition(packageDefinition) as unknown as MillraceProto;
}

/**
 * The repository's proto/ directory. From the sources (packages/proto/src) it is three levels up; from
 * the compiled package (packages/proto/dist/src) four.
 */
export function findProtoRootDir(): string {
  const candidates = [
    new URL("../../../proto/", import.meta.url),
    new URL("../../../../proto/", import.meta.url),
  ];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(`${dir}${protoFiles[0]}`)) return dir;
  }
  throw new Error(
    `@millrace/proto: no proto/ directory with ${protoFiles[0]} at ${candidates.map((url) => fileURLToPath(url)).join(" or ")}`,
  );
}
