import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { AssertionError, ErrorCode, MillraceError, toMillraceError } from "@millrace/common";
import { type v1 } from "@millrace/proto";

/** Every ErrorCode's gRPC status; `satisfies` makes a missing code a compile error. */
export const grpcStatusOf = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PAYLOAD_TOO_LARGE: status.INVALID_ARGUMENT,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  ABORTED: status.ABORTED,
  UNAVAILABLE: status.UNAVAILABLE,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  CANCELLED: status.CANCELLED,
  INTERNAL: status.INTERNAL,
  NOT_LEADER: status.UNAVAILABLE,
  SHARD_MOVED: status.UNAVAILABLE,
  PROPOSAL_DROPPED: status.UNAVAILABLE,
  RECEIPT_HANDLE_INVALID: status.INVALID_ARGUMENT,
  MESSAGE_NOT_INFLIGHT: status.FAILED_PRECONDITION,
  QUEUE_DELETED_RECENTLY: status.FAILED_PRECONDITION,
  PURGE_IN_PROGRESS: status.FAILED_PRECONDITION,
  OVER_LIMIT: status.RESOURCE_EXHAUSTED,
  EMPTY_BATCH: status.INVALID_ARGUMENT,
  TOO_MANY_ENTRIES_IN_BATCH: status.INVALID_ARGUMENT,
  BATCH_TOO_LARGE: status.INVALID_ARGUMENT,
  BATCH_ENTRY_ID_INVALID: status.INVALID_ARGUMENT,
  BATCH_ENTRY_IDS_NOT_DISTINCT: status.INVALID_ARGUMENT,
  ITERATOR_EXPIRED: status.FAILED_PRECONDITION,
} as const satisfies Record<ErrorCode, status>;

/**
 * Turns any error into a gRPC error whose trailers carry the Millrace code, whether it is retryable and
 * the leader's id and address when known, so clients can retry or redirect without parsing messages.
 */
export function toServiceError(
  error: unknown,
  leaderAddress?: (nodeId: number) => string | undefined,
): Partial<ServiceError> {
  if (error instanceof AssertionError) throw error;
  const e = error instanceof MillraceError ? error : toMillraceError(error);
  const metadata = new Metadata();
  metadata.set("millrace-error-code", e.code);
  metadata.set("millrace-retryable", String(e.retryable));
  const hint = e.details.leaderHint;
  if (hint !== undefined) {
    metadata.set("millrace-leader-id", String(hint.nodeId));
    const address = hint.address ?? leaderAddress?.(hint.nodeId);
    // An address is whatever a node announced; one grpc-js cannot carry is left out, not escaped into a
    // wrong one (the client still has the leader's id), since Metadata.set would throw and end the node.
    // An empty one is a peer whose client address this node has not heard yet: no address at all.
    if (address !== undefined && address !== "" && printableAscii.test(address)) {
      metadata.set("millrace-leader-address", address);
    }
  }
  if (e.details.field !== undefined) metadata.set("millrace-field", trailerText(e.details.field));
  return { code: grpcStatusOf[e.code], details: statusText(`${e.code}: ${e.message}`), metadata };
}

/**
 * The same error as common.proto's ErrorDetails message, for an answer that carries its error in the
 * message rather than in trailers (a SendMessageStream frame). No trailer escaping is needed there.
 */
export function toErrorDetails(
  error: unknown,
  leaderAddress?: (nodeId: number) => string | undefined,
): v1.ErrorDetails {
  if (error instanceof AssertionError) throw error;
  const e = error instanceof MillraceError ? error : toMillraceError(error);
  const hint = e.details.leaderHint;
  const field = e.details.field;
  return {
    code: e.code,
    message:
      e.message.length > statusTextLengthMax ? `${e.message.slice(0, statusTextLengthMax)}...` : e.message,
    retryable: e.retryable,
    ...(field === undefined ? {} : { fieldViolations: [{ field, description: e.message }] }),
    ...(hint === undefined
      ? {}
      : { leaderHint: { nodeId: hint.nodeId, address: hint.address ?? leaderAddress?.(hint.nodeId) ?? "" } }),
    ...(e.details.retryAfterMs === undefined ? {} : { retryAfterMs: e.details.retryAfterMs }),
  };
}

/**
 * The longest status message sent. Percent-encoded (up to 9 bytes a character) it stays well within the
 * 64 KiB of headers a Node.js client takes by default; a call whose trailers exceed that never ends.
 */
const statusTextLengthMax = 1024;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` as grpc-js can send it as grpc-message: it percent-encodes the message with encodeURI, which
 * throws on a lone surrogate, and that throw, in a handler's rejection callback, would end the node. A
 * message can quote a client's string cut at a length (`name.slice(0, 64)`), and a cut through an emoji
 * leaves half of it; that half becomes U+FFFD here.
 */
function statusText(text: string): string {
  const cut = text.length > statusTextLengthMax ? `${text.slice(0, statusTextLengthMax)}...` : text;
  return cut.replace(loneSurrogate, "\uFFFD");
}

const printableAscii = /^[\x20-\x7e]*$/;

/** The longest field name a trailer carries; field names are short, and keys in them are cut to 32. */
const fieldLengthMax = 256;

/**
 * `text` as grpc-js lets a trailer hold it: printable ASCII, anything else escaped as in JSON (`é` as
 * \u00e9). A field can hold a client's key (`tags[…]`), and Metadata.set throws on other characters;
 * thrown there, in a handler's rejection callback, the error would end the node.
 */
function trailerText(text: string): string {
  const escaped = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > fieldLengthMax ? `${escaped.slice(0, fieldLengthMax)}...` : escaped;
}

/** Reads the Millrace error a server sent back, for the CLI and tests. */
export function fromServiceError(error: ServiceError): MillraceError {
  const code = (error.metadata?.get("millrace-error-code")[0] as string | undefined) ?? ErrorCode.UNAVAILABLE;
  const leader = error.metadata?.get("millrace-leader-id")[0];
  const address = error.metadata?.get("millrace-leader-address")[0];
  const field = error.metadata?.get("millrace-field")[0];
  const known = Object.hasOwn(ErrorCode, code) ? (code as ErrorCode) : ErrorCode.INTERNAL;
  const message = error.details.replace(/^[A-Z_]+: /, "");
  return new MillraceError(known, message, {
    details: {
      ...(field === undefined ? {} : { field: String(field) }),
      ...(leader === undefined
        ? {}
        : {
            leaderHint: {
              nodeId: Number(leader),
              ...(address === undefined || address === "" ? {} : { address: String(address) }),
            },
          }),
    },
  });
}
