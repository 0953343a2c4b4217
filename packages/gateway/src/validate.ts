import { ErrorCode, MillraceError, checkQueueName, isValidBatchEntryId, limits } from "@millrace/common";

/** INVALID_ARGUMENT naming the field, as every bad input is answered. */
export function invalid(field: string, message: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `${field} ${message}`, { details: { field } });
}

export function requireQueueName(name: string, field = "queue_name"): void {
  if (name.length === 0) throw invalid(field, "is required");
  checkQueueName(name, field);
}

export function checkRange(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer from ${min} to ${max}`);
  }
}

/** Batch entries: 1..batchEntriesMax, each id valid and distinct, as SQS requires (with its error names). */
export function checkBatch(field: string, ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new MillraceError(ErrorCode.EMPTY_BATCH, `${field} must hold at least one entry`, {
      details: { field },
    });
  }
  if (ids.length > limits.batchEntriesMax) {
    throw new MillraceError(
      ErrorCode.TOO_MANY_ENTRIES_IN_BATCH,
      `${field} holds ${ids.length} entries; at most ${limits.batchEntriesMax} are allowed`,
      { details: { field } },
    );
  }
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (!isValidBatchEntryId(id)) {
      throw new MillraceError(
        ErrorCode.BATCH_ENTRY_ID_INVALID,
        `${field}[${i}].id must be 1 to ${limits.batchEntryIdLengthMax} characters of A-Z, a-z, 0-9, '-' and '_'`,
        { details: { field: `${field}[${i}].id` } },
      );
    }
    if (seen.has(id)) {
      throw new MillraceError(ErrorCode.BATCH_ENTRY_IDS_NOT_DISTINCT, `${field} repeats the id ${id}`, {
        details: { field: `${field}[${i}].id` },
      });
    }
    seen.add(id);
  }
}

/** Strings the gateway passes on must be bounded before anything else looks at them. */
export function checkLength(field: string, value: string, max: number): void {
  if (value.length > max) throw invalid(field, `is longer than ${max} characters`);
}

/** SQS's rule for ReceiveRequestAttemptId: letters, digits and punctuation, ASCII 33 to 126. */
export function checkPrintableAscii(field: string, value: string): void {
  if (!/^[\x21-\x7e]*$/.test(value)) {
    throw invalid(field, "may hold only letters, digits and punctuation (ASCII 33 to 126)");
  }
}

export function requireNonEmpty(field: string, value: string): void {
  if (value.length === 0) throw invalid(field, "is required");
}
