export { backoffDelayMs, type BackoffOptions } from "./backoff.js";

export { SnapshotRejectCode, protocolVersion } from "./peer-frames.js";
export { PeerTransport } from "./peer-transport.js";
export type { SnapshotSource } from "./snapshot-sender.js";
export { decodeRaftBatch, encodeRaftBatch, type RaftBatchItem } from "./raft-batch-codec.js";
export {
  decodeSnapshotMetadata,
  encodeSnapshotMetadata,
  type DecodedSnapshotMetadata,
  type SnapshotEnvelope,
} from "./snapshot-codec.js";
export {
  defaultTransportLimits,
  defaultTransportTiming,
  silentTransportLogger,
  type IncomingSnapshotSink,
  type PeerTransportHandlers,
  type PeerTransportLimits,
  type PeerTransportOptions,
  type PeerTransportTiming,
  type TransportLogger,
} from "./transport-options.js";
export type { LinkState, PeerCounters, PeerStats, PeerTransportStats } from "./transport-stats.js";
