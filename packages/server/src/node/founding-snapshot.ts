import { type GroupStorage, encodeChunk } from "@millrace/storage";

/**
 * Stages the one-entry snapshot every founder of a group starts from: index 1, term 1, the founding
 * voters as its membership and an empty keyspace. Founders that start from the same snapshot agree on
 * the group's first entry without any message; a replica added later starts empty instead and is brought
 * up to date by the leader.
 */
export function stageFoundingSnapshot(storage: GroupStorage, voters: readonly number[]): void {
  const confState = {
    voters: [...voters].sort((a, b) => a - b),
    learners: [],
    votersOutgoing: [],
    learnersNext: [],
    autoLeave: false,
  };
  storage.installSnapshot({ metadata: { index: 1, term: 1, confState }, data: new Uint8Array(0) }, [
    encodeChunk(0, true, []),
  ]);
}
