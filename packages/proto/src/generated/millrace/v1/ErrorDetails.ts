// Original file: proto/millrace/v1/common.proto

import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from '../../millrace/v1/FieldViolation.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from '../../millrace/v1/LeaderHint.js';

/**
 * ErrorDetails says exactly what went wrong with a call, beyond its gRPC status code.
 */
export interface ErrorDetails {
  /**
   * The Millrace error code, one of the ErrorCode table in @millrace/common (for example "NOT_LEADER",
   * "NOT_FOUND", "INVALID_ARGUMENT"). Clients switch on this, never on `message`.
   */
  'code'?: (string);
  /**
   * A human-readable explanation in English. Never contains internal details such as stack traces.
   */
  'message'?: (string);
  /**
   * True when the same request may succeed if sent again (after refreshing routes or backing off).
   */
  'retryable'?: (boolean);
  /**
   * For INVALID_ARGUMENT: every field that was rejected, and why.
   */
  'fieldViolations'?: (_millrace_v1_FieldViolation)[];
  /**
   * For NOT_LEADER: where the leader of the addressed group is believed to be, if known.
   */
  'leaderHint'?: (_millrace_v1_LeaderHint | null);
  /**
   * For SHARD_MOVED: the routing table version the server holds; a client refreshes its routes to at
   * least this version before retrying. A decimal string of an unsigned 64-bit integer.
   */
  'routingVersion'?: (string);
  /**
   * For RESOURCE_EXHAUSTED and throttling: how long the client should wait before retrying, in
   * milliseconds. Zero means "use your own backoff".
   */
  'retryAfterMs'?: (number);
  /**
   * The error code the AWS-compatible HTTP API reports for the same failure (for example
   * "AWS.SimpleQueueService.NonExistentQueue" or "ReceiptHandleIsInvalid"), or empty when there is none.
   */
  'awsErrorCode'?: (string);
}

/**
 * ErrorDetails says exactly what went wrong with a call, beyond its gRPC status code.
 */
export interface ErrorDetails__Output {
  /**
   * The Millrace error code, one of the ErrorCode table in @millrace/common (for example "NOT_LEADER",
   * "NOT_FOUND", "INVALID_ARGUMENT"). Clients switch on this, never on `message`.
   */
  'code': (string);
  /**
   * A human-readable explanation in English. Never contains internal details such as stack traces.
   */
  'message': (string);
  /**
   * True when the same request may succeed if sent again (after refreshing routes or backing off).
   */
  'retryable': (boolean);
  /**
   * For INVALID_ARGUMENT: every field that was rejected, and why.
   */
  'fieldViolations': (_millrace_v1_FieldViolation__Output)[];
  /**
   * For NOT_LEADER: where the leader of the addressed group is believed to be, if known.
   */
  'leaderHint': (_millrace_v1_LeaderHint__Output | null);
  /**
   * For SHARD_MOVED: the routing table version the server holds; a client refreshes its routes to at
   * least this version before retrying. A decimal string of an unsigned 64-bit integer.
   */
  'routingVersion': (string);
  /**
   * For RESOURCE_EXHAUSTED and throttling: how long the client should wait before retrying, in
   * milliseconds. Zero means "use your own backoff".
   */
  'retryAfterMs': (number);
  /**
   * The error code the AWS-compatible HTTP API reports for the same failure (for example
   * "AWS.SimpleQueueService.NonExistentQueue" or "ReceiptHandleIsInvalid"), or empty when there is none.
   */
  'awsErrorCode': (string);
}
