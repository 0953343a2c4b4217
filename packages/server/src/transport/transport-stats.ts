/**
 * The transport's counters, as plain numbers for tests and for the prom-client wiring that will read
 * them. Every counter only grows, except the gauges marked as such.
 */

/** The outgoing stream to one peer. */
export type LinkState =
  /** Created, nothing sent yet. */
  | "idle"
  /** A stream is open and our HELLO is out; the peer's has not arrived. */
  | "connecting"
  /** HELLOs exchanged; frames flow. */
  | "connected"
  /** Waiting out a reconnect delay after a failure. */
  | "backoff"
  /** Closed by `stop()` or `removePeer()`. */
  | "stopped";

export interface PeerCounters {
  framesSent: number;
  messagesSent: number;
  /** Raft messages dropped at `send`: queue full, oversized, or the transport stopping. */
  messagesDropped: number;
  /** Frame bytes written: RAFT payloads plus snapshot chunk data and metadata. */
  bytesSent: number;
  framesReceived: number;
  messagesReceived: number;
  /** Frames from this peer that failed to decode and were dropped. */
  framesDropped: number;
  bytesReceived: number;
  /** Handshakes completed after the first, i.e. successful reconnections. */
  reconnects: number;
  /** Connection attempts that ended before or without a HELLO from the peer. */
  connectFailures: number;
  /** Streams refused by either side over identity (cluster id, node id, protocol version). */
  handshakesRejected: number;
  snapshotChunksSent: number;
  /** Snapshot data bytes written, re-sends included: a resumed transfer sends little more than its size. */
  snapshotBytesSent: number;
  snapshotsSent: number;
  snapshotsFailed: number;
  snapshotChunksReceived: number;
  /** New snapshot bytes accepted (duplicates not counted). */
  snapshotBytesReceived: number;
  snapshotsReceived: number;
}

export interface PeerStats extends PeerCounters {
  /** Gauge: the outgoing link's state ("idle" when this node has never sent to the peer). */
  readonly state: LinkState;
  /** Gauges: what waits in the outgoing queue. */
  readonly queueItems: number;
  readonly queueBytes: number;
  /** Gauge: snapshot sends to this peer in progress. */
  readonly snapshotsSending: number;
  /** Gauge: streams this peer has open to us. */
  readonly inboundStreams: number;
}

export interface PeerTransportStats extends PeerCounters {
  /** Gauge: bytes reserved by incoming snapshot transfers (a window of chunks each, and their records). */
  readonly snapshotPartialBytes: number;
  /** Gauge: bytes of incoming snapshot chunks waiting to be written (within what is reserved). */
  readonly snapshotQueuedBytes: number;
  /** Gauge: incoming snapshot transfers held. */
  readonly snapshotPartials: number;
  /** Handler calls that threw (logged; an AssertionError is rethrown instead). */
  readonly handlerErrors: number;
  readonly peers: Readonly<Record<number, PeerStats>>;
}

export function newPeerCounters(): PeerCounters {
  return {
    framesSent: 0,
    messagesSent: 0,
    messagesDropped: 0,
    bytesSent: 0,
    framesReceived: 0,
    messagesReceived: 0,
    framesDropped: 0,
    bytesReceived: 0,
    reconnects: 0,
    connectFailures: 0,
    handshakesRejected: 0,
    snapshotChunksSent: 0,
    snapshotBytesSent: 0,
    snapshotsSent: 0,
    snapshotsFailed: 0,
    snapshotChunksReceived: 0,
    snapshotBytesReceived: 0,
    snapshotsReceived: 0,
  };
}

/** Adds `from`'s counters into `into`. */
export function addCounters(into: PeerCounters, from: PeerCounters): void {
  for (const key of Object.keys(into) as (keyof PeerCounters)[]) into[key] += from[key];
}
