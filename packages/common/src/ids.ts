import { ErrorCode, MillraceError } from "./errors.js";
import { limits } from "./limits.js";

/** FIFO queues and topics are told apart by this suffix alone, as in AWS. */
export const fifoSuffix = ".fifo";

// AWS's alphabet for queue names and batch entry ids. Keeping it narrow means names are safe in keys,
// URLs, ARNs and metric labels without escaping.
const namePattern = /^[A-Za-z0-9_-]+$/;

export function isFifoName(name: string): boolean {
  return name.endsWith(fifoSuffix);
}

/** 1 to 80 characters of `[A-Za-z0-9_-]`, optionally ending in `.fifo`; the suffix counts toward the 80. */
export function isValidQueueName(name: string): boolean {
  if (name.length > limits.queueNameLengthMax) return false;
  const base = isFifoName(name) ? name.slice(0, -fifoSuffix.length) : name;
  return namePattern.test(base);
}

/**
 * Throws INVALID_ARGUMENT naming `field` unless the name is valid. The name itself is not echoed, so an
 * oversized one cannot bloat the error.
 */
export function checkQueueName(name: string, field = "QueueName"): void {
  if (!isValidQueueName(name)) {
    throw new MillraceError(
      ErrorCode.INVALID_ARGUMENT,
      `${field} must be 1 to ${limits.queueNameLengthMax} characters of A-Z, a-z, 0-9, '-' and '_', optionally ending in ${fifoSuffix}`,
      { details: { field } },
    );
  }
}

/** A batch entry id: 1 to 80 characters of `[A-Za-z0-9_-]`, as AWS requires. */
export function isValidBatchEntryId(id: string): boolean {
  return id.length <= limits.batchEntryIdLengthMax && namePattern.test(id);
}
