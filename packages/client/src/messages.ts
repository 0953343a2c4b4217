import { limits } from "@millrace/common";
import type { v1 } from "@millrace/proto";
import { invalidArgument } from "./errors.js";

/** A message body: text, or bytes holding UTF-8 text (the wire carries SQS's character set, not binary). */
export type MessageBody = string | Uint8Array;

/** A message attribute as SQS types it: "String", "Number" or "Binary", optionally with a custom suffix. */
export interface MessageAttributeValue {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Uint8Array;
}

/** Shorthands: a string is a String, a number or bigint a Number, bytes a Binary attribute. */
export type MessageAttributeInput = string | number | bigint | Uint8Array | MessageAttributeValue;

export interface SendOptions {
  /** 0..900 seconds; standard queues only (FIFO queues have only the queue-level delay). */
  readonly delaySeconds?: number;
  /** Up to 10 user attributes. */
  readonly messageAttributes?: Readonly<Record<string, MessageAttributeInput>>;
  /** FIFO only, required there: the message group whose order is kept. */
  readonly groupId?: string;
  /**
   * FIFO only: the deduplication id. When omitted, the SDK generates one per send (reused by its
   * retries) unless the queue has ContentBasedDeduplication; see the README's "Retries and duplicates".
   */
  readonly dedupId?: string;
  /** An AWS X-Ray trace header, carried as the AWSTraceHeader system attribute. */
  readonly traceHeader?: string;
}

export interface SendResult {
  readonly messageId: string;
  readonly md5OfBody: string;
  /** Empty when the message has no attributes. */
  readonly md5OfMessageAttributes: string;
  /** FIFO only: the message's sequence number in its group, a decimal string. */
  readonly sequenceNumber: string | undefined;
}

/** A received message. `body` holds the UTF-8 bytes; `text()` gives them back as a string. */
export interface ReceivedMessage {
  readonly messageId: string;
  /** Deletes the message or changes its visibility; valid for this receive only. */
  readonly receiptHandle: string;
  readonly body: Buffer;
  text(): string;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>>;
  /** Every requested system attribute by its SQS name, as the server formatted it. */
  readonly attributes: Readonly<Record<string, string>>;
  /** ApproximateReceiveCount: how many times the message has been received, this time included. */
  readonly receiveCount: number | undefined;
  /** SentTimestamp, in epoch milliseconds. */
  readonly sentTimestampMs: number | undefined;
  /** ApproximateFirstReceiveTimestamp, in epoch milliseconds. */
  readonly firstReceiveTimestampMs: number | undefined;
  /** FIFO only: SequenceNumber, a decimal string of up to 128 bits. */
  readonly sequenceNumber: string | undefined;
  /** FIFO only: MessageGroupId. */
  readonly groupId: string | undefined;
  /** FIFO only: MessageDeduplicationId. */
  readonly dedupId: string | undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as the wire's string; bytes must be valid UTF-8, since they travel as text. */
export function encodeBody(body: MessageBody, field: string): string {
  let text: string;
  if (typeof body === "string") text = body;
  else {
    try {
      text = utf8.decode(body);
    } catch {
      throw invalidArgument(field, "must be valid UTF-8: message bodies travel as text");
    }
  }
  if (text.length === 0) throw invalidArgument(field, "must not be empty");
  return text;
}

export function encodeAttributes(
  attributes: Readonly<Record<string, MessageAttributeInput>> | undefined,
  field: string,
): Record<string, v1.MessageAttributeValue> {
  const out: Record<string, v1.MessageAttributeValue> = {};
  if (attributes === undefined) return out;
  const names = Object.keys(attributes);
  if (names.length > limits.messageAttributesMax) {
    throw invalidArgument(field, `must have at most ${limits.messageAttributesMax} attributes`);
  }
  for (const name of names) {
    const value = attributes[name];
    if (value === undefined) continue;
    out[name] = encodeAttribute(value);
  }
  return out;
}

function encodeAttribute(value: MessageAttributeInput): v1.MessageAttributeValue {
  if (typeof value === "string") return { dataType: "String", stringValue: value };
  if (typeof value === "number" || typeof value === "bigint") {
    return { dataType: "Number", stringValue: String(value) };
  }
  if (value instanceof Uint8Array) return { dataType: "Binary", binaryValue: value };
  return {
    dataType: value.dataType,
    ...(value.stringValue === undefined ? {} : { stringValue: value.stringValue }),
    ...(value.binaryValue === undefined ? {} : { binaryValue: value.binaryValue }),
  };
}

/** Bytes a message counts toward size limits, as SQS counts them: body plus attribute names, types and values. */
export function messageBytes(body: string, attributes: Record<string, v1.MessageAttributeValue>): number {
  let bytes = Buffer.byteLength(body, "utf8");
  for (const [name, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name, "utf8") + Buffer.byteLength(value.dataType ?? "", "utf8");
    bytes += Buffer.byteLength(value.stringValue ?? "", "utf8") + (value.binaryValue?.length ?? 0);
  }
  return bytes;
}

export function toSendResult(response: {
  messageId: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes: string;
  sequenceNumber: string;
}): SendResult {
  return {
    messageId: response.messageId,
    md5OfBody: response.md5OfMessageBody,
    md5OfMessageAttributes: response.md5OfMessageAttributes,
    sequenceNumber: response.sequenceNumber === "" ? undefined : response.sequenceNumber,
  };
}

export function toReceivedMessage(message: v1.Message__Output): ReceivedMessage {
  const body = Buffer.from(message.body, "utf8");
  const attributes = { ...message.attributes };
  const messageAttributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.messageAttributes)) {
    messageAttributes[name] = {
      dataType: value.dataType,
      ...(value.dataType.startsWith("Binary")
        ? { binaryValue: Buffer.from(value.binaryValue) }
        : { stringValue: value.stringValue }),
    };
  }
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body,
    text: () => message.body,
    md5OfBody: message.md5OfBody,
    md5OfMessageAttributes: message.md5OfMessageAttributes,
    messageAttributes,
    attributes,
    receiveCount: numberOf(attributes["ApproximateReceiveCount"]),
    sentTimestampMs: numberOf(attributes["SentTimestamp"]),
    firstReceiveTimestampMs: numberOf(attributes["ApproximateFirstReceiveTimestamp"]),
    sequenceNumber: attributes["SequenceNumber"],
    groupId: attributes["MessageGroupId"],
    dedupId: attributes["MessageDeduplicationId"],
  };
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
