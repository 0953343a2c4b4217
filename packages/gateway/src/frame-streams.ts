import { type ServerDuplexStream, type handleBidiStreamingCall } from "@grpc/grpc-js";
import { ErrorCode, MillraceError } from "@millrace/common";
import { type v1 } from "@millrace/proto";
import {
  Cancellation,
  defaultCallDeadlineMs,
  isSet,
  redirectMetadataKey,
  type GatewayCallContext,
} from "./call-context.js";
import { toErrorDetails } from "./grpc-errors.js";

/** What every frame carries: its id and how long it may run. */
interface FrameIn {
  readonly frameId: number;
  readonly timeoutMs: number;
  /** The client's first try of the frame's call (see GatewayCallContext.firstTry); absent is false. */
  readonly firstTry?: boolean;
  /** Cancels the unanswered frame with this id instead of carrying a call (ConsumeStream). */
  readonly cancel?: boolean;
}

/** What every answer carries besides its result: the frame's id, or the frame's error. */
interface FrameOut {
  frameId?: number;
  error?: v1.ErrorDetails | null;
}

export interface FrameStreamOptions<In extends FrameIn, Out extends FrameOut> {
  /**
   * Runs one frame's call (its checks included) and gives its answer without the frame id; throws for
   * a frame that fails as a whole.
   */
  readonly run: (frame: In, ctx: GatewayCallContext) => Promise<Out>;
  readonly leaderAddress?: ((nodeId: number) => string | undefined) | undefined;
  readonly streams: FrameStreams;
  /** Frames worked on at once per stream. */
  readonly framesInFlightMax: number;
}

/**
 * A node's open frame streams (SendMessageStream, ConsumeStream), so that a stopping node can end them
 * cleanly: a long-lived stream would otherwise hold the client server's graceful shutdown until it is
 * forced, cancelling the frames being worked on, whose calls may then have happened without an answer.
 */
export class FrameStreams {
  private readonly open = new Set<FrameStream>();
  private draining = false;
  private drained: (() => void) | undefined;
  private drainedPromise: Promise<{ ended: number; cancelled: number }> | undefined;
  private readonly drainCounts = { ended: 0, cancelled: 0 };

  get isDraining(): boolean {
    return this.draining;
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * Stops reading every stream, now and for streams opened from now on; each ends with status OK once
   * it has answered the frames it read. Resolves when every stream has ended, with how many ended so
   * and how many were cancelled instead (their clients went away, or the server was forced to stop).
   */
  drain(): Promise<{ ended: number; cancelled: number }> {
    if (this.drainedPromise !== undefined) return this.drainedPromise;
    this.draining = true;
    const drained = new Promise<{ ended: number; cancelled: number }>(
      (resolve) => (this.drained = () => resolve({ ...this.drainCounts })),
    );
    this.drainedPromise = drained;
    for (const stream of this.open) stream.drain();
    if (this.open.size === 0) this.drained?.();
    return drained;
  }

  add(stream: FrameStream): void {
    this.open.add(stream);
  }

  remove(stream: FrameStream, cancelled: boolean): void {
    if (!this.open.delete(stream)) return;
    if (this.draining) {
      if (cancelled) this.drainCounts.cancelled += 1;
      else this.drainCounts.ended += 1;
      if (this.open.size === 0) this.drained?.();
    }
  }
}

/** A frame stream's handler: each frame is one call, answered with its frame id. */
export function frameStreamHandler<In extends FrameIn, Out extends FrameOut>(
  options: FrameStreamOptions<In, Out>,
): handleBidiStreamingCall<In, Out> {
  return (call) => {
    // The stream hands `run` only frames read from this call, which are In's.
    const stream = new FrameStream(call, options as unknown as FrameStreamOptions<FrameIn, FrameOut>);
    options.streams.add(stream);
    if (options.streams.isDraining) stream.drain();
  };
}

/**
 * One open stream. It counts the frames read and not yet answered, and pauses reading at the bound, or
 * while the client is not taking answers (the write buffer is full): what a stream holds on the node is
 * bounded either way. Frames it never read stay in HTTP/2's buffers and are not sent.
 */
class FrameStream {
  private unanswered = 0;
  private writeBlocked = false;
  private clientDone = false;
  private draining = false;
  private closed = false;
  /**
   * The frames read and not yet answered, by frame id, each with its cancellation: by the client (a
   * cancel frame or the stream's end) or by its deadline, as a unary call's.
   */
  private readonly running = new Map<number, Cancellation>();
  private readonly framesMax: number;
  private readonly redirect: boolean;

  constructor(
    private readonly call: ServerDuplexStream<FrameIn, FrameOut>,
    private readonly options: FrameStreamOptions<FrameIn, FrameOut>,
  ) {
    this.framesMax = options.framesInFlightMax;
    this.redirect = isSet(call.metadata.get(redirectMetadataKey)[0]);
    call.on("data", (frame: FrameIn) => this.onFrame(frame));
    call.on("end", () => {
      this.clientDone = true;
      this.endIfAnswered();
    });
    call.on("drain", () => {
      this.writeBlocked = false;
      this.readIfRoom();
    });
    // The client cancelled or went away: stop work it can no longer receive the answers of.
    call.on("cancelled", () => this.close(true));
    call.on("error", () => this.close(true));
  }

  /**
   * Reads no more frames, and ends the stream once every frame read is answered. A stopping node ends
   * its long polls' waits itself (QueueBackendDeps.stopping), so a receive frame answers soon too.
   */
  drain(): void {
    this.draining = true;
    this.call.pause();
    this.endIfAnswered();
  }

  private onFrame(frame: FrameIn): void {
    if (frame.cancel === true) {
      this.running.get(frame.frameId)?.cancel(new Error("the caller cancelled the frame"));
      return;
    }
    this.unanswered += 1;
    if (this.unanswered >= this.framesMax || this.writeBlocked) this.call.pause();
    const timeoutMs =
      frame.timeoutMs === 0 ? defaultCallDeadlineMs : Math.min(frame.timeoutMs, defaultCallDeadlineMs);
    const { frameId } = frame;
    const run = new Cancellation();
    this.running.set(frameId, run);
    let answered = false;
    const fail = (error: unknown) =>
      once({ frameId, error: toErrorDetails(error, this.options.leaderAddress) });
    const once = (response: FrameOut) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (this.running.get(frameId) === run) this.running.delete(frameId);
      this.answer(response);
    };
    // The frame is answered by its deadline, as grpc-js ends a unary call at its deadline, and its work is
    // cancelled as a unary call's is: a call that never settles (a partition without a leader) must not
    // hold one of the stream's slots for good, nor a long poll take messages for an answer already sent.
    const timer = setTimeout(() => {
      fail(new MillraceError(ErrorCode.DEADLINE_EXCEEDED, "the frame's deadline passed"));
      run.cancel(new Error("the frame's deadline passed"));
    }, timeoutMs);
    Promise.resolve()
      .then(() => this.options.run(frame, this.context(Date.now() + timeoutMs, frame.firstTry === true, run)))
      .then((response) => once({ ...response, frameId }), fail);
  }

  private answer(response: FrameOut): void {
    this.unanswered -= 1;
    if (this.closed) return;
    if (!this.call.write(response)) {
      // The client is not taking answers: read no more frames until it has (the 'drain' event).
      this.writeBlocked = true;
      this.call.pause();
    }
    this.readIfRoom();
    this.endIfAnswered();
  }

  private readIfRoom(): void {
    if (this.closed || this.draining || this.writeBlocked || this.unanswered >= this.framesMax) return;
    this.call.resume();
  }

  private endIfAnswered(): void {
    if (this.closed || this.unanswered > 0 || !(this.clientDone || this.draining)) return;
    this.close(false);
    this.call.end();
  }

  private close(cancelled: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (cancelled) {
      const reason = new Error("the caller cancelled the stream");
      for (const run of this.running.values()) run.cancel(reason);
    }
    this.options.streams.remove(this, cancelled);
  }

  /** A frame's call context: its own deadline, and its cancellation (or the stream's). */
  private context(deadlineMs: number, firstTry: boolean, run: Cancellation): GatewayCallContext {
    return {
      deadlineMs,
      redirect: this.redirect,
      firstTry,
      get aborted() {
        return run.cancelled;
      },
      get signal() {
        return run.signal;
      },
    };
  }
}
