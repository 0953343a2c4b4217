import { type BatchEntryResult } from "@millrace/client";

/**
 * Writes one `millrace: CODE: message (what)` line to stderr per failed entry of a batch, where `what`
 * names the entry for the user; returns how many failed, so the command can exit non-zero.
 */
export function reportBatchFailures<T>(
  results: readonly BatchEntryResult<T>[],
  describe: (index: number) => string,
): number {
  let failed = 0;
  results.forEach((result, i) => {
    if (result.ok) return;
    failed++;
    process.stderr.write(`millrace: ${result.error.code}: ${result.error.message} (${describe(i)})\n`);
  });
  return failed;
}
