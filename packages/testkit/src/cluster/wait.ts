/** Sleeps `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it returns something other than undefined, for at most `timeoutMs` and at most
 * `timeoutMs / intervalMs + 1` attempts. A probe that throws counts as "not yet" (its last error is
 * reported on timeout).
 */
export async function waitFor<T>(
  what: string,
  options: { timeoutMs: number; intervalMs?: number },
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + options.timeoutMs;
  const attemptsMax = Math.ceil(options.timeoutMs / intervalMs) + 1;
  let lastError: unknown = undefined;
  for (let attempt = 0; attempt < attemptsMax; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  const cause =
    lastError === undefined ? "" : ` (last error: ${String((lastError as Error).message ?? lastError)})`;
  throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${cause}`);
}
