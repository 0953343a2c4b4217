import {
  Client,
  Metadata,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientReadableStream,
  type ServiceError,
} from "@grpc/grpc-js";
import { limits } from "@millrace/common";
import { MillraceAbortError } from "./errors.js";

/**
 * One gRPC channel per node address, created on first use and closed by `close()`. Every service's calls
 * to a node share its channel (grpc-js multiplexes them over one HTTP/2 connection).
 */
export class ChannelPool {
  private readonly clients = new Map<string, Client>();
  private closed = false;

  constructor(
    private readonly credentials: ChannelCredentials,
    private readonly options: ChannelOptions = {},
  ) {}

  get(address: string): Client {
    if (this.closed) throw new MillraceAbortError("the client is closed");
    let client = this.clients.get(address);
    if (client === undefined) {
      client = new Client(address, this.credentials, {
        // gRPC's 4 MiB default would refuse legal batches and receives (limits.ts explains the sizes).
        "grpc.max_send_message_length": limits.grpcRequestBytesMax,
        "grpc.max_receive_message_length": limits.grpcResponseBytesMax,
        // HTTP/2's 64 KiB window would stall MiB-sized receives every 64 KiB (limits.http2WindowBytes).
        "grpc-node.flow_control_window": limits.http2WindowBytes,
        ...this.options,
      });
      this.clients.set(address, client);
    }
    return client;
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    this.closed = true;
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

/** The parts of a generated method definition a call needs (structurally @grpc/proto-loader's). */
export interface MethodSpec<Req, Res> {
  readonly path: string;
  readonly requestSerialize: (value: Req) => Buffer;
  readonly responseDeserialize: (bytes: Buffer) => Res;
}

export interface UnaryCallOptions {
  /** Absolute deadline, in epoch milliseconds. */
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
  readonly metadata?: Metadata | undefined;
}

/**
 * One attempt of a unary call. Rejects with the raw ServiceError (the caller decides what it means) or,
 * when `signal` aborts, cancels the call and rejects with MillraceAbortError.
 */
export function callUnary<Req, Res>(
  client: Client,
  method: MethodSpec<Req, Res>,
  request: Req,
  options: UnaryCallOptions,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    if (signal?.aborted === true) {
      reject(new MillraceAbortError(undefined, signal.reason));
      return;
    }
    const onAbort = () => call.cancel();
    const call = client.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      options.metadata ?? new Metadata(),
      { deadline: new Date(options.deadline) },
      (error: ServiceError | null, response?: Res) => {
        signal?.removeEventListener("abort", onAbort);
        if (signal?.aborted === true) reject(new MillraceAbortError(undefined, signal.reason));
        else if (error !== null) reject(error);
        else resolve(response as Res);
      },
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Opens a server-streaming call; the caller owns the stream and cancels it. */
export function openServerStream<Req, Res>(
  client: Client,
  method: MethodSpec<Req, Res>,
  request: Req,
  metadata: Metadata | undefined,
): ClientReadableStream<Res> {
  return client.makeServerStreamRequest(
    method.path,
    method.requestSerialize,
    method.responseDeserialize,
    request,
    metadata ?? new Metadata(),
    {},
  );
}
