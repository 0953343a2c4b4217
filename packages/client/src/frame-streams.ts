import { Metadata, status, type ClientDuplexStream, type ServiceError } from "@grpc/grpc-js";
import { limits } from "@millrace/common";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { type ChannelPool, type UnaryCallOptions } from "./channels.js";
import { MillraceAbortError } from "./errors.js";
import { fromFrameError } from "./grpc-error-parsing.js";

/** What every frame carries besides its call: its id and the time its caller has left. */
interface FrameHeader {
  frameId: number;
  timeoutMs: number;
  /** Cancels the unanswered frame `frameId` (a stream whose method `cancels`). */
  cancel?: boolean;
}

/** What every answer carries: the frame's id, and either its error or its result (by field name). */
type Answer = { frameId: number; error?: v1.ErrorDetails__Output | null } & Record<string, unknown>;

type Stream = ClientDuplexStream<FrameHeader, Answer>;

/** One frame to send: the call's fields, the answer's field that holds its result, and its lane. */
export interface FrameCall {
  /** The frame's fields besides its id and timeout, e.g. `{ batch }` or `{ receive, firstTry }`. */
  readonly payload: Record<string, unknown>;
  /** The answer's field that carries this frame's result, e.g. "batch" or "receive". */
  readonly resultField: string;
  /** The stream's lane the frame takes a slot of (see StreamMethod.lanes). */
  readonly lane: string;
  /** The queue the frame's call is for (one queue's frames take at most 3/4 of a lane). */
  readonly queueName: string;
}

/** A bidi frame stream of QueueService and how many unanswered frames of each lane the SDK keeps on it. */
export interface StreamMethod {
  readonly name: "SendMessageStream" | "ConsumeStream";
  /**
   * The most unanswered frames per lane. Together they are within what the node works on at once, so
   * frames wait on the client, never in the node's buffers.
   */
  readonly lanes: Readonly<Record<string, number>>;
  /**
   * Whether a frame whose caller gave up is cancelled on the node with a `cancel` frame, as a unary call
   * is: a long poll must stop waiting, or it could take messages for an answer nobody reads.
   */
  readonly cancels: boolean;
}

/** SendMessageBatch frames. */
export const sendStreamMethod: StreamMethod = {
  name: "SendMessageStream",
  lanes: { send: limits.sendStreamFramesInFlightMax },
  cancels: false,
};

/**
 * ReceiveMessage, DeleteMessageBatch and ChangeMessageVisibilityBatch frames. Long polls have a lane of
 * their own: receives waiting out their 20 s never hold the slots deletes need. One of the node's slots
 * is left free, so that it never stops reading the stream for its bound: a cancel frame always gets
 * through, even while every receive waits.
 */
export const consumeStreamMethod: StreamMethod = {
  name: "ConsumeStream",
  lanes: {
    receive: limits.consumeStreamReceivesInFlightMax,
    other: limits.consumeStreamFramesInFlightMax - limits.consumeStreamReceivesInFlightMax - 1,
  },
  cancels: true,
};

interface QueuedFrame {
  readonly frameId: number;
  readonly call: FrameCall;
  readonly deadline: number;
  /** The frame's place in the order frames were queued. */
  readonly order: number;
}

/**
 * How long a node that refused a frame stream (UNIMPLEMENTED: an older version) is sent unary calls
 * before its stream is tried again, so a node upgraded in a rolling restart gets streams back.
 */
export const unaryOnlyMs = 60_000;

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * Calls as frames of one long-lived stream per node (SendMessageStream or ConsumeStream), instead of a
 * unary call each: a unary call's gRPC machinery cost this process about four times the CPU of a stream
 * frame (44 against 11 µs a message in SendMessageBatches of 10, measured against a server that answers
 * at once), and the node twice. A node that has no such method (an older version) is sent unary calls for
 * the next `unaryOnlyMs`.
 */
export class FrameStreamPool {
  private readonly streams = new Map<string, FrameStream>();
  /** Nodes that refused the stream, and until when they get unary calls instead. */
  private readonly unaryOnly = new Map<string, number>();

  constructor(
    private readonly method: StreamMethod,
    private readonly channels: ChannelPool,
    private readonly metadata: () => Metadata,
    private readonly now: () => number = Date.now,
  ) {}

  /** The node's stream, or undefined while the node is taken not to serve the method. */
  at(address: string): FrameStream | undefined {
    const unaryUntil = this.unaryOnly.get(address);
    if (unaryUntil !== undefined) {
      if (this.now() < unaryUntil) return undefined;
      this.unaryOnly.delete(address);
    }
    let stream = this.streams.get(address);
    if (stream === undefined || stream.isClosed) {
      stream = new FrameStream(this.method, this.channels, address, this.metadata(), (unimplemented) => {
        if (this.streams.get(address) === stream) this.streams.delete(address);
        if (unimplemented) this.unaryOnly.set(address, this.now() + unaryOnlyMs);
      });
      this.streams.set(address, stream);
    }
    return stream;
  }

  /**
   * Sends `call` over the node's stream, or with `unary` where the node has no such stream (its refusal
   * comes before it reads any frame, so nothing was run).
   */
  async send<R>(
    address: string,
    call: FrameCall,
    options: UnaryCallOptions,
    unary: () => Promise<R>,
  ): Promise<R> {
    const stream = this.at(address);
    if (stream === undefined) return await unary();
    try {
      return (await stream.send(call, options)) as R;
    } catch (error) {
      if ((error as Partial<ServiceError>).code === status.UNIMPLEMENTED) return await unary();
      throw error;
    }
  }

  /** Cancels every stream; frames unanswered reject with CANCELLED. A channel closes only after its calls. */
  close(): void {
    for (const stream of this.streams.values()) stream.cancel();
    this.streams.clear();
  }

  /** Streams open now (for tests and stats). */
  get size(): number {
    return this.streams.size;
  }
}

/**
 * One node's stream. Frames are answered in any order, by id. When the stream fails, every frame not yet
 * answered rejects with the stream's ServiceError, which the transport treats as any failed call. When
 * the node ends it cleanly (it is stopping), it has answered every frame it read: the rest reject with
 * UNAVAILABLE and were not run. When the node does not know the method, frames reject with UNIMPLEMENTED
 * and the pool sends that node unary calls instead.
 */
export class FrameStream {
  private readonly call: Stream;
  /** Frames whose callers wait, written or not. */
  private readonly pending = new Map<number, Pending>();
  /**
   * Frames written and not yet answered, whether or not their callers still wait: the node works on
   * each until it answers, so each holds one of the stream's slots there. Each is kept with its lane.
   */
  private readonly onNode = new Map<number, QueuedFrame>();
  /** Frames on the node per lane, and per lane and queue name (keyed `lane/queue`). */
  private readonly perLane = new Map<string, number>();
  private readonly perQueue = new Map<string, number>();
  /**
   * Frames waiting for a slot, by lane and queue (keyed `lane/queue`), each list in the order queued. A
   * frame whose caller gave up meanwhile is dropped here, never written: as with a unary call cancelled
   * before it was sent, it then has no effect. Kept apart so that a queue whose frames all wait (its
   * share is taken) is not walked through again on every answer.
   */
  private readonly queued = new Map<string, QueuedFrame[]>();
  /** Orders queued frames across lists: each frame's number, counted up as they are queued. */
  private queuedCount = 0;
  private nextFrameId = 0;
  private closed = false;
  /** This client cancelled the stream (cancel()). */
  private cancelledHere = false;
  private readonly laneMaxes: readonly (readonly [string, number])[];

  constructor(
    private readonly method: StreamMethod,
    channels: ChannelPool,
    private readonly address: string,
    metadata: Metadata,
    private readonly onClosed: (unimplemented: boolean) => void,
  ) {
    this.laneMaxes = Object.entries(method.lanes);
    const definition = loadMillraceProto().millrace.v1.QueueService.service[method.name];
    this.call = channels
      .get(address)
      .makeBidiStreamRequest(
        definition.path,
        definition.requestSerialize as (frame: FrameHeader) => Buffer,
        definition.responseDeserialize as (bytes: Buffer) => Answer,
        metadata,
        {},
      );
    this.call.on("data", (response: Answer) => this.onAnswer(response));
    this.call.on("status", (s: { code: status; details: string; metadata: Metadata }) => {
      // A node that ends its stream cleanly has answered every frame it read: the rest were not run.
      const error: ServiceError =
        s.code === status.OK
          ? notRunError("the node ended the stream before answering; the frame was not run")
          : streamError(s.code, s.details, s.metadata);
      this.close(error, s.code === status.UNIMPLEMENTED);
    });
    // The same failure arrives as "status"; without a listener, "error" would be thrown.
    this.call.on("error", () => {});
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one call as a frame; rejects as a unary call would (ServiceError, abort, deadline). */
  send(call: FrameCall, options: UnaryCallOptions): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted === true) {
        reject(new MillraceAbortError(undefined, signal.reason));
        return;
      }
      if (this.closed) {
        reject(streamError(status.UNAVAILABLE, "the stream to the node is closed"));
        return;
      }
      const frameId = this.takeFrameId();
      const timeoutMs = Math.max(1, options.deadline - Date.now());
      const settle = () => this.takePending(frameId);
      // The node stops working on the frame at its own deadline; this one covers a node that never answers.
      const timer = setTimeout(
        () => settle()?.reject(streamError(status.DEADLINE_EXCEEDED, "the frame's deadline passed")),
        timeoutMs,
      );
      // An aborted frame's call may still happen on the node, as with a cancelled unary call; the node
      // is told, so that a long poll stops waiting.
      const onAbort = () => {
        const entry = settle();
        if (entry === undefined) return;
        entry.reject(new MillraceAbortError(undefined, signal?.reason));
        if (this.method.cancels && this.onNode.has(frameId) && !this.closed) {
          this.call.write({ frameId, timeoutMs: 0, cancel: true });
        }
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(frameId, { resolve, reject, timer, signal, onAbort });
      const key = `${call.lane}/${call.queueName}`;
      const frame = { frameId, call, deadline: options.deadline, order: this.queuedCount++ };
      const list = this.queued.get(key);
      if (list === undefined) this.queued.set(key, [frame]);
      else list.push(frame);
      this.writeQueued();
    });
  }

  /**
   * Writes queued frames, in order, while their lanes have free slots, each with the time its caller has
   * left. One queue's frames take at most 3/4 of a lane's slots: the stream carries every queue's calls
   * to the node, and frames for a partition without a leader hold their slots until their deadline;
   * other queues' frames pass them.
   */
  private writeQueued(): void {
    while (!this.closed && !this.lanesFull()) {
      let next: { key: string; list: QueuedFrame[] } | undefined;
      for (const [key, list] of this.queued) {
        while (list.length > 0 && !this.pending.has((list[0] as QueuedFrame).frameId)) list.shift();
        const head = list[0];
        if (head === undefined) {
          this.queued.delete(key);
          continue;
        }
        const laneMax = this.method.lanes[head.call.lane] ?? 0;
        const room =
          (this.perLane.get(head.call.lane) ?? 0) < laneMax &&
          (this.perQueue.get(key) ?? 0) < (laneMax * 3) / 4;
        if (room && (next === undefined || head.order < (next.list[0] as QueuedFrame).order)) {
          next = { key, list };
        }
      }
      if (next === undefined) return;
      const frame = next.list.shift() as QueuedFrame;
      if (next.list.length === 0) this.queued.delete(next.key);
      const { lane } = frame.call;
      this.perLane.set(lane, (this.perLane.get(lane) ?? 0) + 1);
      this.perQueue.set(next.key, (this.perQueue.get(next.key) ?? 0) + 1);
      this.onNode.set(frame.frameId, frame);
      const timeoutMs = Math.min(Math.max(1, frame.deadline - Date.now()), 2 ** 32 - 1);
      this.call.write({ ...frame.call.payload, frameId: frame.frameId, timeoutMs });
    }
  }

  /** Whether every lane's slots are taken, so no queued frame can be written. */
  private lanesFull(): boolean {
    for (const [lane, max] of this.laneMaxes) if ((this.perLane.get(lane) ?? 0) < max) return false;
    return true;
  }

  /** Cancels the stream: frames unanswered reject with the stream's CANCELLED (the client is closing). */
  cancel(): void {
    this.cancelledHere = true;
    this.call.cancel();
  }

  /** Stops waiting for a frame's answer (its timer and abort listener too); the waiter, if any. */
  private takePending(frameId: number): Pending | undefined {
    const entry = this.pending.get(frameId);
    if (entry === undefined) return undefined;
    this.pending.delete(frameId);
    clearTimeout(entry.timer);
    entry.signal?.removeEventListener("abort", entry.onAbort);
    return entry;
  }

  /** Ids count up and wrap at 2^32, skipping any still waited for or unanswered. */
  private takeFrameId(): number {
    let id = this.nextFrameId;
    while (this.pending.has(id) || this.onNode.has(id)) id = (id + 1) % 2 ** 32;
    this.nextFrameId = (id + 1) % 2 ** 32;
    return id;
  }

  private onAnswer(response: Answer): void {
    const frame = this.onNode.get(response.frameId);
    if (frame !== undefined) {
      this.onNode.delete(response.frameId);
      const { lane, queueName } = frame.call;
      release(this.perLane, lane);
      release(this.perQueue, `${lane}/${queueName}`);
      this.writeQueued();
    }
    const entry = this.takePending(response.frameId);
    if (entry === undefined) return; // Its caller gave up (deadline or abort) before the answer came.
    const result = frame === undefined ? undefined : response[frame.call.resultField];
    if (response.error !== null && response.error !== undefined) {
      entry.reject(fromFrameError(response.error, this.address));
    } else if (result !== null && result !== undefined) {
      entry.resolve(result);
    } else {
      entry.reject(streamError(status.INTERNAL, "the node answered a frame without the result of its call"));
    }
  }

  private close(error: ServiceError, unimplemented: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.onClosed(unimplemented);
    // A frame never written was not run, whatever ended the stream, unless this client is closing.
    const notWritten = this.cancelledHere
      ? error
      : notRunError("the stream to the node ended before the frame was written; it was not run");
    for (const frameId of [...this.pending.keys()]) {
      this.takePending(frameId)?.reject(this.onNode.has(frameId) ? error : notWritten);
    }
    this.queued.clear();
    this.onNode.clear();
    this.perLane.clear();
    this.perQueue.clear();
  }
}

/** Gives back one slot counted under `key`. */
function release(counts: Map<string, number>, key: string): void {
  const used = (counts.get(key) ?? 1) - 1;
  if (used === 0) counts.delete(key);
  else counts.set(key, used);
}

/** A ServiceError as grpc-js makes them, so the transport reads a stream's failure as a call's. */
function streamError(code: status, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

/**
 * UNAVAILABLE for a frame the node never ran, marked so: the transport may then send again even a call
 * that must not run twice (RetryPolicy "not-applied"), as after a connection that never opened.
 */
function notRunError(details: string): ServiceError {
  return Object.assign(streamError(status.UNAVAILABLE, details), { notRun: true });
}

/** Whether `error` is a frame's failure that proves its call never ran on the node (notRunError). */
export function isNotRun(error: unknown): boolean {
  return (error as { notRun?: unknown }).notRun === true;
}
