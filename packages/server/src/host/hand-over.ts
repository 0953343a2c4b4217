/**
 * Whom a leader that is about to stop hands a group to: a voter heard from lately (a transfer to a node
 * that is down never completes, and the group then waits out an election after the leader is gone) that
 * holds the most of the log (the transfer waits for the target to catch up, and a replica that is still
 * catching up after its own restart may take longer than the leader waits). Ties go to the lower id, so
 * the choice is deterministic. Undefined when no other voter qualifies: the group is left to an election.
 */
export function handOverTarget(
  self: number,
  voters: readonly number[],
  matchOf: (id: number) => number | undefined,
  isSilent: (id: number) => boolean,
): number | undefined {
  let best: number | undefined;
  let bestMatch = -1;
  for (const id of [...voters].sort((a, b) => a - b)) {
    if (id === self || isSilent(id)) continue;
    const match = matchOf(id) ?? 0;
    if (match > bestMatch) {
      best = id;
      bestMatch = match;
    }
  }
  return best;
}
