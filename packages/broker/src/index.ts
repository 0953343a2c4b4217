export {
  ReplicatedLog,
  encodeLogCommand,
  recordKey,
  seqOfRecordKey,
  type AppendResult,
  type LogCommand,
  type LogResult,
  type TrimResult,
} from "./replicated-log.js";
export { QueuePartition, type InflightState, type PartitionAttributes } from "./queue/queue-partition.js";
export { type VisibilityPosition } from "./queue/partition-core.js";
export {
  encodeBatchedCommand,
  encodeQueueCommand,
  type BatchCommand,
  type BatchResult,
  type BatchedCommand,
  type BatchedResult,
  type ChangeVisibilityCommand,
  type ChangeVisibilityResult,
  type CleanupCommand,
  type ConfigureCommand,
  type DeadLetterCommand,
  type DeadLetterDoneCommand,
  type DeleteCommand,
  type DeleteResult,
  type EntriesResult,
  type EntryFailure,
  type EntryOutcome,
  type MovedFrom,
  type PurgeCommand,
  type QueueCommand,
  type QueueResult,
  type ReceiveCommand,
  type ReceiveResult,
  type ReceivedMessage,
  type RedriveDoneCommand,
  type SendCommand,
  type SendEntry,
  type SendEntrySuccess,
  type SendResult,
} from "./queue/commands.js";
export {
  maintenanceBatchMax,
  messageIdLengthMax,
  nonceBytesMax,
  nonceBytesMin,
  parseBatchedCommand,
  parseQueueCommand,
  receiveCommandBytesMax,
} from "./queue/command-parser.js";
export {
  DeduplicationScope,
  FifoThroughputLimit,
  defaultQueueConfig,
  formatQueueAttributes,
  inflightMessagesMaxOf,
  parseQueueAttributes,
  partitionConfig,
  type ConfigResult,
  type ParseQueueAttributesOptions,
  type QueueConfig,
  type RedrivePolicy,
} from "./queue/queue-config.js";
export { queueNameOfArn } from "./queue/attribute-values.js";
export {
  parseRedriveAllowPolicy,
  redriveAllows,
  type RedriveAllowPolicy,
} from "./queue/redrive-allow-policy.js";
export {
  findGarbage,
  findOverReceived,
  findReceivable,
  mayReplayAttempt,
  nextVisibleAtMs,
  oldestStoredMs,
  pendingDeadLetters,
  pickReceivable,
  readForRedrive,
  scanLimitDefault,
  type FindReceivableOptions,
  type PickReceivableOptions,
  type Garbage,
  type MoveItem,
} from "./queue/leader-reads.js";
export {
  checkMessageAttributes,
  isValidSqsText,
  md5OfBody,
  md5OfMessageAttributes,
  messageAttributesBytes,
  type AttributeProblem,
  type MessageAttributeValue,
  type MessageAttributes,
} from "./queue/message-attributes.js";
export { decodeReceiptHandle, type ReceiptHandle } from "./queue/receipt-handle.js";
export { formatSequenceNumber } from "./queue/partition-core.js";
export { type Summary as QueuePartitionSummary } from "./queue/records.js";
export { md5 } from "./queue/md5.js";
export { sha256 } from "./queue/sha256.js";
