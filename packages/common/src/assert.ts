/**
 * Assertions guard programmer errors: a broken invariant means this replica's state can no longer be
 * trusted, so the process must stop and restart from disk. AssertionError is never caught to recover;
 * operating conditions (a full queue, bad input) use MillraceError instead.
 */
export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

export function assert(
  condition: unknown,
  message: string | (() => string) = "assertion failed",
): asserts condition {
  if (!condition) {
    throw new AssertionError(typeof message === "string" ? message : message());
  }
}

/** Marks a branch the type checker has proven unreachable; reaching it at run time is a bug. */
export function unreachable(value: never, what = "value"): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
