export { crc32c } from "./checksum.js";
export { CorruptionError, StorageFencedError, isCorruptionError, isStorageFencedError } from "./errors.js";
export { damageMarkerName } from "./wal-recovery.js";
export {
  WriteBatch,
  type BatchOp,
  type BatchWriter,
  type CommitStats,
  type DurableListener,
  type WriteBatchOptions,
} from "./group-commit.js";
export { GroupStorage, defaultEntryCache, type EntryCacheOptions } from "./group-storage.js";
export {
  KeyKind,
  allGroupsRange,
  appliedKey,
  describeKey,
  destroyingRange,
  entryIndexOf,
  entryKey,
  entryRange,
  groupIdMax,
  groupIdOf,
  groupPrefix,
  groupRange,
  hardStateKey,
  identityKey,
  isGroupId,
  keyspaceKey,
  keyspacePrefix,
  keyspaceRange,
  prefixEnd,
  snapshotKey,
  truncatedKey,
  type KeyRange,
} from "./keys.js";
export { Keyspace, keyspaceKeyBytesMax, type ReadSnapshotOptions } from "./keyspace.js";
export {
  checkIdentity,
  checkSameIdentity,
  clusterIdLengthMax,
  storageFormat,
  type NodeIdentity,
} from "./node-identity.js";
export {
  NodeStore,
  defaultBlockCacheBytes,
  defaultDestroyKeysPerCommit,
  defaultWriteBufferBytes,
  type NodeStoreOptions,
} from "./node-store.js";
export {
  FramedChunkReader,
  decodeChunks,
  encodeChunk,
  framedChunks,
  type KeyValue,
} from "./snapshot-chunks.js";
export { SnapshotStaging } from "./snapshot-staging.js";
