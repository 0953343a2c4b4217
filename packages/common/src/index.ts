export { AssertionError, assert, unreachable } from "./assert.js";
export { BoundedQueue, type BoundedQueueOptions } from "./bounded-queue.js";
export { allocBytes, concatBytes } from "./bytes.js";
export { firstTryMetadataKey, redirectMetadataKey } from "./call-metadata.js";
export { systemClock, timerDelayMsMax, type Clock, type TimerHandle } from "./clock.js";
export {
  codecStructuresMax,
  createCodec,
  createPackr,
  decode,
  decodeView,
  encode,
  encodeView,
  type Codec,
  type CodecOptions,
} from "./codec.js";
export {
  ErrorCode,
  MillraceError,
  errorCodeInfo,
  isMillraceError,
  isRetryable,
  toMillraceError,
  type ErrorCodeInfo,
  type ErrorDetails,
  type LeaderHint,
  type MillraceErrorOptions,
} from "./errors.js";
export { checkQueueName, fifoSuffix, isFifoName, isValidBatchEntryId, isValidQueueName } from "./ids.js";
export { checkLimits, limits, type LimitName, type Limits } from "./limits.js";
export { SeededRandom, type Random } from "./random.js";
export { unwrapReceiptHandle, wrapReceiptHandle } from "./receipt-handles.js";
export type {
  ApplyOptions,
  ApplyResult,
  CommittedEntries,
  StateMachine,
  StateReader,
  StateWriter,
} from "./state-machine.js";
export { partitionOfKey } from "./partitioning.js";
export { shown } from "./shown.js";
