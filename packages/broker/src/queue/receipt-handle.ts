import { concatBytes } from "@millrace/common";
import { bytesEqual, fromHex, fromUtf8, toHex, u32, utf8 } from "./bytes.js";
import { md5 } from "./md5.js";

/**
 * Receipt handles are opaque to clients but carry what the partition needs to judge them: the message,
 * which receive issued them (the receive count then), that receive's nonce, and a tag of the queue's name
 * so a handle from another queue is told apart from a stale one. A checksum catches truncation and typos;
 * it is not a signature (handles grant nothing a receiver of the message did not already have).
 *
 * Layout, as hex: version (1) | queue tag (4) | receive count (4) | nonce length (1) | nonce | message id
 * (UTF-8) | checksum (4, the head of the MD5 of everything before it).
 */
export interface ReceiptHandle {
  readonly queueTag: Uint8Array;
  readonly messageId: string;
  readonly receiveCount: number;
  readonly nonce: Uint8Array;
}

const version = 1;
const headerBytes = 10;
const checksumBytes = 4;

// Every receive and every delete needs its queue's tag, and a partition belongs to one queue: remember
// the last one rather than hash the name for each message.
let lastTag: { readonly queueName: string; readonly tag: Uint8Array } | undefined;

export function queueTagOf(queueName: string): Uint8Array {
  if (lastTag?.queueName !== queueName) lastTag = { queueName, tag: md5(utf8(queueName)).slice(0, 4) };
  return lastTag.tag;
}

export function encodeReceiptHandle(handle: ReceiptHandle): string {
  const head = new Uint8Array(headerBytes);
  head[0] = version;
  head.set(handle.queueTag, 1);
  head.set(u32(handle.receiveCount), 5);
  head[9] = handle.nonce.length;
  const content = concatBytes([head, handle.nonce, utf8(handle.messageId)]);
  return toHex(concatBytes([content, md5(content).slice(0, checksumBytes)]));
}

/** The handle's parts, or undefined when it is not a handle this code issued. */
export function decodeReceiptHandle(text: string): ReceiptHandle | undefined {
  const raw = fromHex(text);
  if (raw === undefined || raw.length < headerBytes + checksumBytes + 1 || raw[0] !== version)
    return undefined;
  const content = raw.subarray(0, raw.length - checksumBytes);
  if (!bytesEqual(md5(content).subarray(0, checksumBytes), raw.subarray(raw.length - checksumBytes)))
    return undefined;
  const nonceLength = raw[9] as number;
  const idStart = headerBytes + nonceLength;
  if (idStart >= content.length) return undefined;
  const messageId = fromUtf8(content.slice(idStart));
  if (messageId === undefined) return undefined;
  const receiveCount = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(5);
  return {
    queueTag: content.slice(1, 5),
    messageId,
    receiveCount,
    nonce: content.slice(headerBytes, idStart),
  };
}
