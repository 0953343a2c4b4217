import { status, type Metadata, type ServiceError } from "@grpc/grpc-js";
import { ErrorCode, type LeaderHint } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { MillraceClientError, type FieldViolation, type MillraceClientErrorOptions } from "./errors.js";

/** A gRPC status without a Millrace code (a transport failure, a proxy, an old server) maps to this. */
const codeOfStatus: Readonly<Record<number, ErrorCode>> = {
  [status.CANCELLED]: ErrorCode.CANCELLED,
  [status.UNKNOWN]: ErrorCode.INTERNAL,
  [status.INVALID_ARGUMENT]: ErrorCode.INVALID_ARGUMENT,
  [status.DEADLINE_EXCEEDED]: ErrorCode.DEADLINE_EXCEEDED,
  [status.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [status.ALREADY_EXISTS]: ErrorCode.ALREADY_EXISTS,
  [status.PERMISSION_DENIED]: ErrorCode.PERMISSION_DENIED,
  [status.RESOURCE_EXHAUSTED]: ErrorCode.RESOURCE_EXHAUSTED,
  [status.FAILED_PRECONDITION]: ErrorCode.FAILED_PRECONDITION,
  [status.ABORTED]: ErrorCode.ABORTED,
  [status.OUT_OF_RANGE]: ErrorCode.INVALID_ARGUMENT,
  [status.UNIMPLEMENTED]: ErrorCode.INTERNAL,
  [status.INTERNAL]: ErrorCode.INTERNAL,
  [status.UNAVAILABLE]: ErrorCode.UNAVAILABLE,
  [status.DATA_LOSS]: ErrorCode.INTERNAL,
  [status.UNAUTHENTICATED]: ErrorCode.UNAUTHENTICATED,
};

/** The binary trailer common.proto promises; it wins over the text trailers when both are present. */
export const errorDetailsTrailer = "millrace-error-details-bin";

/**
 * Reads the Millrace error a server sent back. Two encodings are understood: the serialized ErrorDetails
 * in `millrace-error-details-bin` (common.proto), and the text trailers `millrace-error-code`,
 * `millrace-retryable`, `millrace-leader-id`, `millrace-leader-address` and `millrace-field` that the
 * node's services write today. Without either, the gRPC status alone decides the code.
 */
export function fromGrpcError(err: ServiceError, address?: string): MillraceClientError {
  const metadata = err.metadata as Metadata | undefined;
  const fromBinary = metadata === undefined ? undefined : readBinaryDetails(metadata);
  const fromText = metadata === undefined ? undefined : readTextTrailers(metadata);
  const parsed = fromBinary ?? fromText;
  const code = parsed?.code ?? codeOfStatus[err.code] ?? ErrorCode.INTERNAL;
  const message = parsed?.message ?? stripCodePrefix(err.details || err.message);
  const options: MillraceClientErrorOptions = {
    ...parsed?.options,
    grpcStatus: err.code,
    cause: err,
    ...(address === undefined ? {} : { address }),
  };
  return new MillraceClientError(code, message, options);
}

interface ParsedDetails {
  readonly code: ErrorCode;
  readonly message: string | undefined;
  readonly options: MillraceClientErrorOptions;
}

function readBinaryDetails(metadata: Metadata): ParsedDetails | undefined {
  const raw = metadata.get(errorDetailsTrailer)[0];
  if (raw === undefined || typeof raw === "string") return undefined;
  let details;
  try {
    details = loadMillraceProto().millrace.v1.ErrorDetails.deserialize(raw);
  } catch {
    // A trailer we cannot decode is no reason to lose the call's status; the text trailers may do.
    return undefined;
  }
  return parseDetails(details);
}

/** The error a SendMessageStream frame was answered with (its ErrorDetails), from the node at `address`. */
export function fromFrameError(details: v1.ErrorDetails__Output, address: string): MillraceClientError {
  const parsed = parseDetails(details);
  return new MillraceClientError(parsed.code, parsed.message, { ...parsed.options, address });
}

function parseDetails(details: v1.ErrorDetails__Output): ParsedDetails {
  const violations: FieldViolation[] = details.fieldViolations.map((v) => ({
    field: v.field,
    description: v.description,
  }));
  const hint = details.leaderHint;
  const leaderHint: LeaderHint | undefined =
    hint === null || (hint.nodeId === 0 && hint.address === "")
      ? undefined
      : { nodeId: hint.nodeId, ...(hint.address === "" ? {} : { address: hint.address }) };
  const options: MillraceClientErrorOptions = {
    retryable: details.retryable,
    ...(violations.length === 0 ? {} : { fieldViolations: violations, field: violations[0]?.field ?? "" }),
    ...(leaderHint === undefined ? {} : { leaderHint }),
    ...(details.retryAfterMs === 0 ? {} : { retryAfterMs: details.retryAfterMs }),
    ...(details.routingVersion === "" ? {} : { routingVersion: details.routingVersion }),
    ...(details.awsErrorCode === "" ? {} : { awsErrorCode: details.awsErrorCode }),
  };
  return {
    code: knownCode(details.code),
    message: details.message === "" ? undefined : details.message,
    options,
  };
}

function readTextTrailers(metadata: Metadata): ParsedDetails | undefined {
  const code = textValue(metadata, "millrace-error-code");
  if (code === undefined) return undefined;
  const retryable = textValue(metadata, "millrace-retryable");
  const leaderId = textValue(metadata, "millrace-leader-id");
  const leaderAddress = textValue(metadata, "millrace-leader-address");
  const field = textValue(metadata, "millrace-field");
  const nodeId = leaderId === undefined ? 0 : Number(leaderId);
  const leaderHint: LeaderHint | undefined =
    leaderId === undefined && leaderAddress === undefined
      ? undefined
      : {
          nodeId: Number.isSafeInteger(nodeId) ? nodeId : 0,
          ...(leaderAddress === undefined || leaderAddress === "" ? {} : { address: leaderAddress }),
        };
  const options: MillraceClientErrorOptions = {
    ...(retryable === undefined ? {} : { retryable: retryable === "true" }),
    ...(leaderHint === undefined ? {} : { leaderHint }),
    ...(field === undefined ? {} : { field }),
  };
  return { code: knownCode(code), message: undefined, options };
}

function textValue(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.toString("utf8");
}

/** A code from a newer server that this SDK does not know is INTERNAL, never a crash. */
function knownCode(code: string): ErrorCode {
  return Object.hasOwn(ErrorCode, code) ? (code as ErrorCode) : ErrorCode.INTERNAL;
}

/** Servers put `CODE: message` in the status details; the code is already in `code`. */
function stripCodePrefix(details: string): string {
  return details.replace(/^[A-Z_]+: /, "");
}
