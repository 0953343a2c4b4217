import { type handleUnaryCall, type sendUnaryData, type ServerUnaryCall } from "@grpc/grpc-js";
import { ErrorCode, MillraceError, limits } from "@millrace/common";
import { type v1 } from "@millrace/proto";
import { gatewayCallContext, type GatewayCallContext } from "./call-context.js";
import { toServiceError } from "./grpc-errors.js";
import { FrameStreams, frameStreamHandler } from "./frame-streams.js";
import {
  checkBatch,
  checkLength,
  checkPrintableAscii,
  checkRange,
  invalid,
  requireNonEmpty,
  requireQueueName,
} from "./validate.js";

/** The service's methods, without the index signature grpc-js's handler types carry. */
type Handlers = {
  [K in keyof v1.QueueServiceHandlers as string extends K ? never : K]: v1.QueueServiceHandlers[K];
};
/** The unary methods; the streams (SendMessageStream, ConsumeStream) are served by frame-streams.ts. */
type Method = Exclude<keyof Handlers, "SendMessageStream" | "ConsumeStream">;
type RequestOf<M extends Method> = Handlers[M] extends handleUnaryCall<infer Req, infer _Res> ? Req : never;
type ResponseOf<M extends Method> = Handlers[M] extends handleUnaryCall<infer _Req, infer Res> ? Res : never;

/**
 * What executes queue calls once the gateway has checked them: the node (routing to partition leaders,
 * forwarding over the peer link). Requests arrive validated field by field; semantic checks that need the
 * queue's state (its MaximumMessageSize, whether a receipt handle is current) are the backend's.
 */
export type QueueBackend = {
  [M in Method]: (request: RequestOf<M>, ctx: GatewayCallContext) => Promise<ResponseOf<M>>;
};

/** The characters SQS accepts in a message body (its XML-safe set); anything else is refused. */
const outsideSqsText = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const attributeNamesMax = 64;
/**
 * A key no map of a client's may hold. Objects cannot keep it as data: assigned, it sets the prototype
 * (a message attribute so named vanished, and its MD5 with it), and msgpack, which records are stored
 * in, reads it back as `__proto_` (a tag so named was renamed).
 */
const protoKey = "__proto__";
const protoKeyRefusal = `may not use the key ${protoKey}, which Millrace cannot store`;
/** SQS's longest attribute name, and longest data type ("String.custom…"). */
const attributeNameLengthMax = 256;

/** Per-method checks of every field the gateway can judge alone; each throws INVALID_ARGUMENT naming it. */
const validators: { [M in Method]: (request: RequestOf<M>) => void } = {
  CreateQueue: (r) => {
    requireQueueName(r.queueName);
    checkMap("attributes", r.attributes, 32, 256, 20_480);
    checkMap("tags", r.tags, 50, 128, 256);
  },
  DeleteQueue: (r) => requireQueueName(r.queueName),
  ListQueues: (r) => {
    checkLength("queue_name_prefix", r.queueNamePrefix, limits.queueNameLengthMax);
    checkPage(r.page);
  },
  GetQueueUrl: (r) => requireQueueName(r.queueName),
  GetQueueAttributes: (r) => {
    requireQueueName(r.queueName);
    checkNames("attribute_names", r.attributeNames);
  },
  SetQueueAttributes: (r) => {
    requireQueueName(r.queueName);
    checkMap("attributes", r.attributes, 32, 256, 20_480);
  },
  SendMessage: (r) => {
    requireQueueName(r.queueName);
    checkMessage("", r);
  },
  SendMessageBatch: (r) => {
    requireQueueName(r.queueName);
    checkBatch(
      "entries",
      r.entries.map((e) => e.id),
    );
    let bytes = 0;
    for (const [i, e] of r.entries.entries()) bytes += checkMessage(`entries[${i}].`, e);
    if (bytes > limits.batchBytesMax) {
      throw new MillraceError(
        ErrorCode.BATCH_TOO_LARGE,
        `entries total ${bytes} bytes, above the ${limits.batchBytesMax}-byte batch limit`,
        { details: { field: "entries" } },
      );
    }
  },
  ReceiveMessage: (r) => {
    requireQueueName(r.queueName);
    checkRange(
      "max_number_of_messages",
      r.maxNumberOfMessages === 0 ? 1 : r.maxNumberOfMessages,
      1,
      limits.receiveMessagesMax,
    );
    checkRange(
      "visibility_timeout_seconds",
      r.visibilityTimeoutSeconds,
      0,
      limits.visibilityTimeoutSecondsMax,
    );
    checkRange("wait_time_seconds", r.waitTimeSeconds, 0, limits.waitTimeSecondsMax);
    checkNames("message_system_attribute_names", r.messageSystemAttributeNames);
    checkNames("message_attribute_names", r.messageAttributeNames);
    checkLength("receive_request_attempt_id", r.receiveRequestAttemptId, limits.dedupIdLengthMax);
    checkPrintableAscii("receive_request_attempt_id", r.receiveRequestAttemptId);
  },
  DeleteMessage: (r) => {
    requireQueueName(r.queueName);
    checkReceiptHandle("receipt_handle", r.receiptHandle);
  },
  DeleteMessageBatch: (r) => {
    requireQueueName(r.queueName);
    checkBatch(
      "entries",
      r.entries.map((e) => e.id),
    );
    r.entries.forEach((e, i) => checkReceiptHandle(`entries[${i}].receipt_handle`, e.receiptHandle));
  },
  ChangeMessageVisibility: (r) => {
    requireQueueName(r.queueName);
    checkReceiptHandle("receipt_handle", r.receiptHandle);
    checkRange(
      "visibility_timeout_seconds",
      r.visibilityTimeoutSeconds,
      0,
      limits.visibilityTimeoutSecondsMax,
    );
  },
  ChangeMessageVisibilityBatch: (r) => {
    requireQueueName(r.queueName);
    checkBatch(
      "entries",
      r.entries.map((e) => e.id),
    );
    r.entries.forEach((e, i) => {
      checkReceiptHandle(`entries[${i}].receipt_handle`, e.receiptHandle);
      checkRange(
        `entries[${i}].visibility_timeout_seconds`,
        e.visibilityTimeoutSeconds,
        0,
        limits.visibilityTimeoutSecondsMax,
      );
    });
  },
  PurgeQueue: (r) => requireQueueName(r.queueName),
  ListDeadLetterSourceQueues: (r) => {
    requireQueueName(r.queueName);
    checkPage(r.page);
  },
  StartMessageMoveTask: (r) => {
    requireNonEmpty("source_arn", r.sourceArn);
    checkLength("source_arn", r.sourceArn, 256);
    checkLength("destination_arn", r.destinationArn, 256);
    checkRange("max_number_of_messages_per_second", r.maxNumberOfMessagesPerSecond, 0, 500);
  },
  ListMessageMoveTasks: (r) => {
    requireNonEmpty("source_arn", r.sourceArn);
    checkLength("source_arn", r.sourceArn, 256);
    checkRange("max_results", r.maxResults, 0, 10);
  },
  CancelMessageMoveTask: (r) => {
    requireNonEmpty("task_handle", r.taskHandle);
    checkLength("task_handle", r.taskHandle, limits.receiptHandleLengthMax);
  },
  TagQueue: (r) => {
    requireQueueName(r.queueName);
    if (Object.keys(r.tags).length === 0) throw invalid("tags", "must hold at least one tag");
    checkMap("tags", r.tags, 50, 128, 256);
  },
  UntagQueue: (r) => {
    requireQueueName(r.queueName);
    if (r.tagKeys.length === 0) throw invalid("tag_keys", "must name at least one tag");
    checkNames("tag_keys", r.tagKeys);
  },
  ListQueueTags: (r) => requireQueueName(r.queueName),
};

/**
 * QueueService handlers: validate, run on the backend within the caller's deadline, map errors.
 * SendMessageStream runs each frame as SendMessageBatch, ConsumeStream each as the call it carries
 * (ReceiveMessage, DeleteMessageBatch or ChangeMessageVisibilityBatch); their open streams are kept in
 * `streams`, which a stopping node drains.
 */
export function queueService(
  backend: QueueBackend,
  leaderAddress?: (nodeId: number) => string | undefined,
  streams = new FrameStreams(),
  framesInFlightMax: { send?: number | undefined; consume?: number | undefined } = {},
): v1.QueueServiceHandlers {
  const handlers: Partial<Record<keyof Handlers, unknown>> = {};
  for (const method of Object.keys(validators) as Method[]) {
    handlers[method] = unary(method, backend, leaderAddress);
  }
  handlers.SendMessageStream = frameStreamHandler<
    v1.SendMessageStreamRequest__Output,
    v1.SendMessageStreamResponse
  >({
    run: async ({ batch }, ctx) => {
      if (batch === null) throw frameWithout("batch", "a frame must carry a batch");
      validators.SendMessageBatch(batch);
      return { batch: await backend.SendMessageBatch(batch, ctx) };
    },
    leaderAddress,
    streams,
    framesInFlightMax: framesInFlightMax.send ?? limits.sendStreamFramesInFlightMax,
  });
  handlers.ConsumeStream = frameStreamHandler<v1.ConsumeStreamRequest__Output, v1.ConsumeStreamResponse>({
    run: (frame, ctx) => runConsumeFrame(backend, frame, ctx),
    leaderAddress,
    streams,
    framesInFlightMax: framesInFlightMax.consume ?? limits.consumeStreamFramesInFlightMax,
  });
  return handlers as v1.QueueServiceHandlers;
}

/** One ConsumeStream frame, checked and run as the unary call it carries. */
async function runConsumeFrame(
  backend: QueueBackend,
  frame: v1.ConsumeStreamRequest__Output,
  ctx: GatewayCallContext,
): Promise<v1.ConsumeStreamResponse> {
  switch (frame.call) {
    case "receive": {
      const request = frame.receive as v1.ReceiveMessageRequest__Output;
      validators.ReceiveMessage(request);
      return { receive: await backend.ReceiveMessage(request, ctx) };
    }
    case "deleteBatch": {
      const request = frame.deleteBatch as v1.DeleteMessageBatchRequest__Output;
      validators.DeleteMessageBatch(request);
      return { deleteBatch: await backend.DeleteMessageBatch(request, ctx) };
    }
    case "changeVisibilityBatch": {
      const request = frame.changeVisibilityBatch as v1.ChangeMessageVisibilityBatchRequest__Output;
      validators.ChangeMessageVisibilityBatch(request);
      return { changeVisibilityBatch: await backend.ChangeMessageVisibilityBatch(request, ctx) };
    }
    default:
      throw frameWithout(
        "call",
        "a frame must carry one of receive, delete_batch or change_visibility_batch",
      );
  }
}

function frameWithout(field: string, message: string): MillraceError {
  return new MillraceError(ErrorCode.INVALID_ARGUMENT, `${field}: ${message}`, { details: { field } });
}

function unary<M extends Method>(
  method: M,
  backend: QueueBackend,
  leaderAddress: ((nodeId: number) => string | undefined) | undefined,
): handleUnaryCall<RequestOf<M>, ResponseOf<M>> {
  const validate = validators[method] as (request: RequestOf<M>) => void;
  const run = backend[method] as (request: RequestOf<M>, ctx: GatewayCallContext) => Promise<ResponseOf<M>>;
  return (call: ServerUnaryCall<RequestOf<M>, ResponseOf<M>>, callback: sendUnaryData<ResponseOf<M>>) => {
    const ctx = gatewayCallContext(call);
    Promise.resolve()
      .then(() => {
        validate(call.request);
        return run.call(backend, call.request, ctx);
      })
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error, leaderAddress)),
      );
  };
}

/** Checks one message; returns its size as SQS counts it (body and message attributes), in bytes. */
function checkMessage(
  prefix: string,
  m: {
    messageBody: string;
    delaySeconds?: number;
    messageAttributes: Record<string, v1.MessageAttributeValue__Output>;
    messageSystemAttributes: Record<string, v1.MessageAttributeValue__Output>;
    messageDeduplicationId: string;
    messageGroupId: string;
  },
): number {
  if (m.messageBody.length === 0) throw invalid(`${prefix}message_body`, "must not be empty");
  if (outsideSqsText.test(m.messageBody)) {
    throw invalid(
      `${prefix}message_body`,
      "holds a character SQS does not allow (only #x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF)",
    );
  }
  const bytes = Buffer.byteLength(m.messageBody);
  if (bytes > limits.messageBodyBytesMax) {
    throw invalid(
      `${prefix}message_body`,
      `is ${bytes} bytes, above the ${limits.messageBodyBytesMax}-byte limit`,
    );
  }
  checkRange(`${prefix}delay_seconds`, m.delaySeconds, 0, limits.delaySecondsMax);
  const size = bytes + attributesBytes(`${prefix}message_attributes`, m.messageAttributes);
  if (size > limits.messageBodyBytesMax) {
    throw invalid(
      `${prefix}message_attributes`,
      `and the body are ${size} bytes, above the ${limits.messageBodyBytesMax}-byte limit`,
    );
  }
  // System attributes do not count toward a message's size in SQS, but are bounded all the same.
  attributesBytes(`${prefix}message_system_attributes`, m.messageSystemAttributes);
  checkLength(`${prefix}message_deduplication_id`, m.messageDeduplicationId, limits.dedupIdLengthMax);
  checkLength(`${prefix}message_group_id`, m.messageGroupId, limits.messageGroupIdLengthMax);
  return size;
}

/**
 * Bounds a map of message attributes (how many, the length of each name and data type, the size of each
 * value) and returns its size as SQS counts it: names, data types and values. The partition checks their
 * characters and kinds; without these bounds its command parser refused oversized ones in terms of its
 * own batches ("batch command 0: messageSystemAttributes has too many entries"), naming no field.
 */
function attributesBytes(field: string, map: Record<string, v1.MessageAttributeValue__Output>): number {
  const entries = Object.entries(map);
  if (entries.length > limits.messageAttributesMax) {
    throw invalid(field, `holds more than ${limits.messageAttributesMax} attributes`);
  }
  let total = 0;
  for (const [name, value] of entries) {
    if (name === protoKey) throw invalid(field, protoKeyRefusal);
    const at = `${field}[${name.slice(0, 32)}]`;
    checkLength(at, name, attributeNameLengthMax);
    checkLength(`${at}.data_type`, value.dataType, attributeNameLengthMax);
    // What the backend keeps of the value (see toAttributes in the server's queue backend).
    const valueBytes = value.dataType.startsWith("Binary")
      ? value.binaryValue.length
      : Buffer.byteLength(value.stringValue);
    if (valueBytes > limits.messageBodyBytesMax) {
      throw invalid(at, `has a ${valueBytes}-byte value, above the ${limits.messageBodyBytesMax}-byte limit`);
    }
    total += Buffer.byteLength(name) + Buffer.byteLength(value.dataType) + valueBytes;
  }
  return total;
}

function checkReceiptHandle(field: string, handle: string): void {
  requireNonEmpty(field, handle);
  checkLength(field, handle, limits.receiptHandleLengthMax);
}

function checkNames(field: string, names: readonly string[]): void {
  if (names.length > attributeNamesMax) throw invalid(field, `names more than ${attributeNamesMax} entries`);
  names.forEach((name, i) => checkLength(`${field}[${i}]`, name, 256));
}

function checkMap(
  field: string,
  map: Record<string, string>,
  entriesMax: number,
  keyMax: number,
  valueMax: number,
): void {
  const entries = Object.entries(map);
  if (entries.length > entriesMax) throw invalid(field, `holds more than ${entriesMax} entries`);
  for (const [key, value] of entries) {
    if (key.length === 0) throw invalid(field, "has an empty key");
    if (key === protoKey) throw invalid(field, protoKeyRefusal);
    checkLength(`${field}[${key.slice(0, 32)}]`, key, keyMax);
    checkLength(`${field}[${key.slice(0, 32)}]`, value, valueMax);
  }
}

function checkPage(page: v1.PageRequest__Output | null | undefined): void {
  if (page === null || page === undefined) return;
  checkRange("page.max_results", page.maxResults, 0, 1000);
  checkLength("page.next_token", page.nextToken, 1024);
}

export { type GatewayCallContext };
