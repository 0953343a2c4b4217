import { ErrorCode, isValidBatchEntryId, limits } from "@millrace/common";
import { MillraceClientError, invalidArgument } from "./errors.js";

/** Throws INVALID_ARGUMENT naming `field` unless `value` is an integer in [min, max]. */
export function checkIntegerRange(value: number, min: number, max: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidArgument(field, `must be an integer from ${min} to ${max}`);
  }
}

export function checkIdLength(value: string, max: number, field: string): void {
  if (value.length < 1 || value.length > max) {
    throw invalidArgument(field, `must be 1 to ${max} characters`);
  }
}

/** 1..10 entries with distinct valid ids; the codes are the ones the server would answer with. */
export function checkBatch(ids: readonly string[], field: string): void {
  if (ids.length === 0) {
    throw new MillraceClientError(ErrorCode.EMPTY_BATCH, `${field} must not be empty`, { field });
  }
  if (ids.length > limits.batchEntriesMax) {
    throw new MillraceClientError(
      ErrorCode.TOO_MANY_ENTRIES_IN_BATCH,
      `${field} has ${ids.length} entries; at most ${limits.batchEntriesMax} are allowed`,
      { field },
    );
  }
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!isValidBatchEntryId(id)) {
      throw new MillraceClientError(
        ErrorCode.BATCH_ENTRY_ID_INVALID,
        `${field}[${i}].id must be 1 to ${limits.batchEntryIdLengthMax} characters of A-Z, a-z, 0-9, '-' and '_'`,
        { field: `${field}[${i}].id` },
      );
    }
    if (seen.has(id)) {
      throw new MillraceClientError(
        ErrorCode.BATCH_ENTRY_IDS_NOT_DISTINCT,
        `${field}[${i}].id repeats an id`,
        {
          field: `${field}[${i}].id`,
        },
      );
    }
    seen.add(id);
  });
}
