import { Server, ServerCredentials, credentials, type ServiceError } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueService, type QueueBackend } from "../src/index.js";

const proto = loadMillraceProto();
let server: Server;
let client: v1.QueueServiceClient;
const reached: string[] = [];

/** A backend that records what reached it: bad input must be stopped before it. */
const backend = new Proxy({} as QueueBackend, {
  get: (_target, method: string) => () => {
    reached.push(method);
    return Promise.resolve(method === "SendMessage" ? { messageId: "m-1", md5OfMessageBody: "x" } : {});
  },
});

beforeAll(async () => {
  server = new Server();
  server.addService(proto.millrace.v1.QueueService.service, queueService(backend));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  client = new proto.millrace.v1.QueueService(`127.0.0.1:${port}`, credentials.createInsecure());
});

afterAll(() => {
  client.close();
  server.forceShutdown();
});

function call(method: string, request: object): Promise<{ error: ServiceError | null; value: unknown }> {
  return new Promise((resolve) => {
    (
      client as unknown as Record<
        string,
        (r: object, cb: (e: ServiceError | null, v: unknown) => void) => void
      >
    )[method]!(request, (error, value) => resolve({ error, value }));
  });
}

const entry = (id: string) => ({ id, messageBody: "hello" });
const stringAttribute = (stringValue: string) => ({ dataType: "String", stringValue });
const attributes = (count: number, value: string) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${i}`, stringAttribute(value)]));

describe("QueueService input checks", () => {
  const cases: [string, string, object, string, string][] = [
    [
      "empty queue name",
      "SendMessage",
      { queueName: "", messageBody: "x" },
      "INVALID_ARGUMENT",
      "queue_name",
    ],
    ["bad characters", "CreateQueue", { queueName: "a b/c" }, "INVALID_ARGUMENT", "queue_name"],
    ["name too long", "DeleteQueue", { queueName: "q".repeat(81) }, "INVALID_ARGUMENT", "queue_name"],
    ["empty body", "SendMessage", { queueName: "q", messageBody: "" }, "INVALID_ARGUMENT", "message_body"],
    [
      "body above 1 MiB",
      "SendMessage",
      { queueName: "q", messageBody: "x".repeat(1024 * 1024 + 1) },
      "INVALID_ARGUMENT",
      "message_body",
    ],
    [
      "delay out of range",
      "SendMessage",
      { queueName: "q", messageBody: "x", delaySeconds: 901 },
      "INVALID_ARGUMENT",
      "delay_seconds",
    ],
    ["empty batch", "SendMessageBatch", { queueName: "q", entries: [] }, "EMPTY_BATCH", "entries"],
    [
      "eleven entries",
      "SendMessageBatch",
      { queueName: "q", entries: Array.from({ length: 11 }, (_, i) => entry(`e${i}`)) },
      "TOO_MANY_ENTRIES_IN_BATCH",
      "entries",
    ],
    [
      "repeated ids",
      "SendMessageBatch",
      { queueName: "q", entries: [entry("a"), entry("a")] },
      "BATCH_ENTRY_IDS_NOT_DISTINCT",
      "entries[1].id",
    ],
    [
      "bad entry id",
      "SendMessageBatch",
      { queueName: "q", entries: [entry("no spaces")] },
      "BATCH_ENTRY_ID_INVALID",
      "entries[0].id",
    ],
    [
      "receive 11",
      "ReceiveMessage",
      { queueName: "q", maxNumberOfMessages: 11 },
      "INVALID_ARGUMENT",
      "max_number_of_messages",
    ],
    [
      "wait 21 s",
      "ReceiveMessage",
      { queueName: "q", waitTimeSeconds: 21 },
      "INVALID_ARGUMENT",
      "wait_time_seconds",
    ],
    [
      "attempt id of 129 characters",
      "ReceiveMessage",
      { queueName: "q.fifo", receiveRequestAttemptId: "a".repeat(129) },
      "INVALID_ARGUMENT",
      "receive_request_attempt_id",
    ],
    [
      "attempt id with a space",
      "ReceiveMessage",
      { queueName: "q.fifo", receiveRequestAttemptId: "try 1" },
      "INVALID_ARGUMENT",
      "receive_request_attempt_id",
    ],
    [
      "attempt id beyond ASCII",
      "ReceiveMessage",
      { queueName: "q.fifo", receiveRequestAttemptId: "tentative-é" },
      "INVALID_ARGUMENT",
      "receive_request_attempt_id",
    ],
    [
      "visibility 12 h + 1 s",
      "ChangeMessageVisibility",
      { queueName: "q", receiptHandle: "h", visibilityTimeoutSeconds: 43_201 },
      "INVALID_ARGUMENT",
      "visibility_timeout_seconds",
    ],
    [
      "no receipt handle",
      "DeleteMessage",
      { queueName: "q", receiptHandle: "" },
      "INVALID_ARGUMENT",
      "receipt_handle",
    ],
    [
      "huge receipt handle",
      "DeleteMessage",
      { queueName: "q", receiptHandle: "h".repeat(5000) },
      "INVALID_ARGUMENT",
      "receipt_handle",
    ],
    ["no tags", "TagQueue", { queueName: "q", tags: {} }, "INVALID_ARGUMENT", "tags"],
    [
      "a NUL in the body",
      "SendMessage",
      { queueName: "q", messageBody: "a\u0000b" },
      "INVALID_ARGUMENT",
      "message_body",
    ],
    [
      "U+FFFE in the body",
      "SendMessage",
      { queueName: "q", messageBody: "a\uFFFEb" },
      "INVALID_ARGUMENT",
      "message_body",
    ],
    [
      "a batch above 1 MiB together",
      "SendMessageBatch",
      { queueName: "q", entries: [0, 1].map((i) => ({ id: `e${i}`, messageBody: "x".repeat(600 * 1024) })) },
      "BATCH_TOO_LARGE",
      "entries",
    ],
    [
      "eleven system attributes",
      "SendMessage",
      { queueName: "q", messageBody: "x", messageSystemAttributes: attributes(11, "v") },
      "INVALID_ARGUMENT",
      "message_system_attributes",
    ],
    [
      "an attribute name of 257 characters",
      "SendMessage",
      { queueName: "q", messageBody: "x", messageAttributes: { ["n".repeat(257)]: stringAttribute("v") } },
      "INVALID_ARGUMENT",
      `message_attributes[${"n".repeat(32)}]`,
    ],
    [
      "a data type of 257 characters",
      "SendMessage",
      {
        queueName: "q",
        messageBody: "x",
        messageAttributes: { a: { dataType: `String.${"t".repeat(250)}`, stringValue: "v" } },
      },
      "INVALID_ARGUMENT",
      "message_attributes[a].data_type",
    ],
    [
      "a system attribute value above 1 MiB",
      "SendMessage",
      {
        queueName: "q",
        messageBody: "x",
        messageSystemAttributes: { AWSTraceHeader: stringAttribute("v".repeat(1024 * 1024 + 1)) },
      },
      "INVALID_ARGUMENT",
      "message_system_attributes[AWSTraceHeader]",
    ],
    [
      "a body and attributes above 1 MiB together",
      "SendMessage",
      {
        queueName: "q",
        messageBody: "x".repeat(1000 * 1024),
        messageAttributes: { a: { dataType: "Binary", binaryValue: Buffer.alloc(100 * 1024) } },
      },
      "INVALID_ARGUMENT",
      "message_attributes",
    ],
    [
      "a tag key __proto__",
      "TagQueue",
      { queueName: "q", tags: { ["__proto__"]: "v" } },
      "INVALID_ARGUMENT",
      "tags",
    ],
    [
      "a message attribute named __proto__",
      "SendMessage",
      { queueName: "q", messageBody: "x", messageAttributes: { ["__proto__"]: stringAttribute("v") } },
      "INVALID_ARGUMENT",
      "message_attributes",
    ],
    [
      "a batch above 1 MiB with its attributes",
      "SendMessageBatch",
      {
        queueName: "q",
        entries: [0, 1].map((i) => ({
          id: `e${i}`,
          messageBody: "x".repeat(400 * 1024),
          messageAttributes: { a: stringAttribute("v".repeat(200 * 1024)) },
        })),
      },
      "BATCH_TOO_LARGE",
      "entries",
    ],
  ];

  it.each(cases)(
    "refuses %s, naming the field, before it reaches the backend",
    async (_, method, request, code, field) => {
      reached.length = 0;
      const { error } = await call(method, request);
      expect(error?.metadata.get("millrace-error-code")[0]).toBe(code);
      expect(error?.metadata.get("millrace-field")[0]).toBe(field);
      expect(error?.metadata.get("millrace-retryable")[0]).toBe("false");
      expect(reached).toEqual([]);
    },
  );

  // The field goes into a trailer, which grpc-js refuses to hold anything but printable ASCII in: a tag
  // key of 129 "é" made toServiceError throw inside the handler's rejection callback, which ends a node.
  it("names a field built from a client's non-ASCII key in ASCII, and keeps serving", async () => {
    reached.length = 0;
    const key = "é".repeat(129);
    const { error } = await call("TagQueue", { queueName: "q", tags: { [key]: "v" } });
    expect(error?.metadata.get("millrace-error-code")[0]).toBe("INVALID_ARGUMENT");
    expect(error?.metadata.get("millrace-field")[0]).toBe(`tags[${"\\u00e9".repeat(32)}]`);
    expect(error?.details).toContain("128");
    expect(reached).toEqual([]);
  });

  // grpc-js percent-encodes the status message with encodeURI, which throws on a lone surrogate: the
  // message named the key cut at 32 characters, here through an emoji, and the throw ended the node.
  it("refuses a key cut through an emoji with a message grpc-js can send, and keeps serving", async () => {
    reached.length = 0;
    const key = `${"a".repeat(31)}😀${"b".repeat(128)}`;
    const { error } = await call("TagQueue", { queueName: "q", tags: { [key]: "v" } });
    expect(error?.metadata.get("millrace-error-code")[0]).toBe("INVALID_ARGUMENT");
    expect(error?.metadata.get("millrace-field")[0]).toBe(`tags[${"a".repeat(31)}\\ud83d]`);
    expect(error?.details).toContain(`tags[${"a".repeat(31)}\uFFFD]`);
    expect(reached).toEqual([]);
  });

  it("keeps serving: a good request after all the bad ones reaches the backend", async () => {
    reached.length = 0;
    const { error, value } = await call("SendMessage", {
      queueName: "orders.fifo",
      messageBody: "hi",
      messageGroupId: "g",
    });
    expect(error).toBeNull();
    expect((value as { messageId: string }).messageId).toBe("m-1");
    expect(reached).toEqual(["SendMessage"]);
  });
});
