/**
 * @millrace/client: the TypeScript SDK for Millrace over gRPC. `connect()` gives a MillraceClient that
 * routes each call to the node leading its data, retries with backoff and follows leader changes; queues
 * get batching producers and async-iterator consumers. README.md has the guide.
 */
export { ErrorCode, isMillraceError, isRetryable, type LeaderHint } from "@millrace/common";
export { Admin, type AddNodeOptions, type GroupsFilter } from "./admin.js";
export { type RetryOptions } from "./backoff.js";
export {
  MillraceClient,
  connect,
  type ConnectOptions,
  type CreateQueueOptions,
  type QueueInfo,
} from "./client.js";
export { type ConsumeOptions, type MessageHandler, type MessagesOptions } from "./consumer.js";
export {
  MillraceAbortError,
  MillraceClientError,
  isAbortError,
  type FieldViolation,
  type MillraceClientErrorOptions,
} from "./errors.js";
export { fromGrpcError } from "./grpc-error-parsing.js";
export { Log, type LogRecord, type ReadResult } from "./log.js";
export { type Logger } from "./logger.js";
export {
  type MessageAttributeInput,
  type MessageAttributeValue,
  type MessageBody,
  type ReceivedMessage,
  type SendOptions,
  type SendResult,
} from "./messages.js";
export {
  type MessageMoveTask,
  type MessageMoveTaskStatus,
  type StartMessageMoveTaskOptions,
} from "./move-tasks.js";
export { Producer, type ProducerOptions, type ProducerStats } from "./producer.js";
export {
  Queue,
  type BatchEntryResult,
  type DeduplicationMode,
  type QueueOptions,
  type ReceiveOptions,
  type SendBatchEntry,
  type VisibilityChange,
} from "./queue.js";
export { type GroupKind, type StatusEvent } from "./status.js";
export { type CallOptions } from "./transport.js";
