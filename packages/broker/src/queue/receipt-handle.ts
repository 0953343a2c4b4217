import { bytesEqual, fromHex, fromUtf8, readHex, toHex, utf8 } from "./bytes.js";
import { md5 } from "./md5.js";

/**
 * Receipt handles are opaque to clients but carry what the partition needs to judge them: the message,
 * which receive issued them (the receive count then), that receive's nonce, and a tag of the queue's name
 * so a handle from another queue is told apart from a stale one. A checksum catches truncation and typos;
 * it is not a signature (handles grant nothing a receiver of the message did not already have).
 *
 * Layout, as hex: version (1) | queue tag (4) | receive count (4) | nonce length (1) | nonce | message id
 * (UTF-8) | checksum (4). Version 2's checksum is the FNV-1a hash of everything before it; version 1's,
 * still accepted for handles issued before it, was the head of the MD5. Every receive encodes a handle
 * per message and every delete decodes one on every replica: version 1's way, with a JavaScript MD5 and
 * an array per step, cost 32-45 µs of CPU to encode and 12 µs to decode (a loop of 300,000 handles);
 * version 2 works on one reused scratch array and builds the text in one go.
 */
export interface ReceiptHandle {
  readonly queueTag: Uint8Array;
  readonly messageId: string;
  readonly receiveCount: number;
  readonly nonce: Uint8Array;
}

const version = 2;
const headerBytes = 10;
const checksumBytes = 4;

// Every receive and every delete needs its queue's tag, and a partition belongs to one queue: remember
// the last one rather than hash the name for each message.
let lastTag: { readonly queueName: string; readonly tag: Uint8Array } | undefined;

export function queueTagOf(queueName: string): Uint8Array {
  if (lastTag?.queueName !== queueName) lastTag = { queueName, tag: md5(utf8(queueName)).slice(0, 4) };
  return lastTag.tag;
}

/**
 * Where handles are put together and taken apart: both run start to end without yielding, so one array
 * serves every call. Handles that do not fit (none Millrace issues) get their own.
 */
const scratch = new Uint8Array(512);

export function encodeReceiptHandle(handle: ReceiptHandle): string {
  const { queueTag, nonce, receiveCount, messageId } = handle;
  const ascii = isAscii(messageId);
  const id = ascii ? undefined : utf8(messageId);
  const length = headerBytes + nonce.length + (id?.length ?? messageId.length) + checksumBytes;
  const out = length <= scratch.length ? scratch : new Uint8Array(length);
  out[0] = version;
  out.set(queueTag, 1);
  out[5] = receiveCount >>> 24;
  out[6] = (receiveCount >>> 16) & 0xff;
  out[7] = (receiveCount >>> 8) & 0xff;
  out[8] = receiveCount & 0xff;
  out[9] = nonce.length;
  out.set(nonce, headerBytes);
  let at = headerBytes + nonce.length;
  if (id === undefined) for (let i = 0; i < messageId.length; i++) out[at++] = messageId.charCodeAt(i);
  else {
    out.set(id, at);
    at += id.length;
  }
  const sum = fnv1a(out, 0, at);
  out[at] = sum >>> 24;
  out[at + 1] = (sum >>> 16) & 0xff;
  out[at + 2] = (sum >>> 8) & 0xff;
  out[at + 3] = sum & 0xff;
  return toHex(out, length);
}

/** The handle's parts, or undefined when it is not a handle this code issued. */
export function decodeReceiptHandle(text: string): ReceiptHandle | undefined {
  if (text.length < 2 * (headerBytes + checksumBytes + 1) || text.length % 2 !== 0) return undefined;
  const length = text.length / 2;
  const raw = length <= scratch.length ? scratch : new Uint8Array(length);
  if (!readHex(text, raw, length)) return undefined;
  if (raw[0] === 1) return decodeVersion1(text);
  if (raw[0] !== version) return undefined;
  const end = length - checksumBytes;
  const sum =
    (((raw[end] as number) << 24) |
      ((raw[end + 1] as number) << 16) |
      ((raw[end + 2] as number) << 8) |
      (raw[end + 3] as number)) >>>
    0;
  if (fnv1a(raw, 0, end) !== sum) return undefined;
  const idStart = headerBytes + (raw[9] as number);
  if (idStart >= end) return undefined;
  const messageId = textOf(raw, idStart, end);
  if (messageId === undefined) return undefined;
  return {
    queueTag: raw.slice(1, 5),
    messageId,
    receiveCount:
      (((raw[5] as number) << 24) |
        ((raw[6] as number) << 16) |
        ((raw[7] as number) << 8) |
        (raw[8] as number)) >>>
      0,
    nonce: raw.slice(headerBytes, idStart),
  };
}

/** Version 1, checksummed with MD5. */
function decodeVersion1(text: string): ReceiptHandle | undefined {
  const raw = fromHex(text);
  if (raw === undefined) return undefined;
  const content = raw.subarray(0, raw.length - checksumBytes);
  if (!bytesEqual(md5(content).subarray(0, checksumBytes), raw.subarray(raw.length - checksumBytes)))
    return undefined;
  const idStart = headerBytes + (raw[9] as number);
  if (idStart >= content.length) return undefined;
  const messageId = fromUtf8(content.slice(idStart));
  if (messageId === undefined) return undefined;
  return {
    queueTag: content.slice(1, 5),
    messageId,
    receiveCount: new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(5),
    nonce: content.slice(headerBytes, idStart),
  };
}

/** 32-bit FNV-1a of `bytes[start, end)`: a byte's change changes the hash. */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The UTF-8 text of `bytes[start, end)`, or undefined when it is not valid UTF-8. */
function textOf(bytes: Uint8Array, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) > 0x7f) return fromUtf8(bytes.slice(start, end));
  }
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}
