import { describe, expect, it } from "vitest";
import {
  defaultQueueConfig,
  formatQueueAttributes,
  parseQueueAttributes,
  parseRedriveAllowPolicy,
  redriveAllows,
} from "../../src/index.js";

const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe("parseQueueAttributes", () => {
  it("gives AWS's defaults for an empty map", () => {
    expect(parseQueueAttributes({}, { fifo: false })).toEqual({ ok: true, value: defaultQueueConfig(false) });
    expect(defaultQueueConfig(false)).toMatchObject({
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 345_600,
      delaySeconds: 0,
      maximumMessageSize: 262_144,
      receiveWaitSeconds: 0,
    });
  });

  it("accepts every range's ends and refuses one past them, naming the attribute", () => {
    const ranges: [string, number, number][] = [
      ["VisibilityTimeout", 0, 43_200],
      ["MessageRetentionPeriod", 60, 1_209_600],
      ["DelaySeconds", 0, 900],
      ["MaximumMessageSize", 1_024, 1_048_576],
      ["ReceiveMessageWaitTimeSeconds", 0, 20],
      ["KmsDataKeyReusePeriodSeconds", 60, 86_400],
    ];
    for (const [name, min, max] of ranges) {
      for (const ok of [min, max])
        expect(parseQueueAttributes({ [name]: String(ok) }, { fifo: false }).ok).toBe(true);
      for (const bad of [String(max + 1), min > 0 ? String(min - 1) : "-1", "1.5", "", "ten"]) {
        expect(parseQueueAttributes({ [name]: bad }, { fifo: false })).toMatchObject({
          ok: false,
          code: "INVALID_ARGUMENT",
          field: `Attributes.${name}`,
        });
      }
    }
  });

  it("parses RedrivePolicy from its JSON, with an ARN or a name, and checks the target's type", () => {
    const policy = (target: string, count: unknown) =>
      JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: count });
    expect(parseQueueAttributes({ RedrivePolicy: policy(arn("dlq"), "5") }, { fifo: false })).toMatchObject({
      ok: true,
      value: { redrivePolicy: { deadLetterTarget: "dlq", maxReceiveCount: 5 } },
    });
    expect(parseQueueAttributes({ RedrivePolicy: policy("dlq.fifo", 1000) }, { fifo: true }).ok).toBe(true);
    for (const [value, fifo] of [
      [policy(arn("dlq"), 0), false],
      [policy(arn("dlq"), 1001), false],
      [policy(arn("dlq.fifo"), 3), false],
      [policy("dlq", 3), true],
      [policy("bad name!", 3), false],
      ["{not json", false],
      ["[]", false],
    ] as const) {
      expect(parseQueueAttributes({ RedrivePolicy: value }, { fifo })).toMatchObject({
        ok: false,
        field: "Attributes.RedrivePolicy",
      });
    }
    const base = parseQueueAttributes({ RedrivePolicy: policy("dlq", 3) }, { fifo: false });
    if (!base.ok) throw new Error("setup");
    expect(parseQueueAttributes({ RedrivePolicy: "" }, { fifo: false, base: base.value })).toEqual({
      ok: true,
      value: defaultQueueConfig(false),
    });
  });

  it("checks RedriveAllowPolicy as SQS defines it, naming what is wrong", () => {
    const allow = (policy: object) => JSON.stringify(policy);
    for (const good of [
      "",
      allow({ redrivePermission: "allowAll" }),
      allow({ redrivePermission: "denyAll" }),
      allow({ redrivePermission: "byQueue", sourceQueueArns: [arn("a"), "b"] }),
    ]) {
      expect(parseQueueAttributes({ RedriveAllowPolicy: good }, { fifo: false }).ok).toBe(true);
    }
    const eleven = Array.from({ length: 11 }, (_, i) => arn(`q${i}`));
    for (const [bad, reason] of [
      ["{not json", "must be a JSON object"],
      ['"allowAll"', "must be a JSON object"],
      [allow({ redrivePermission: "allowSome" }), "must be allowAll, denyAll or byQueue"],
      [allow({}), "must be allowAll, denyAll or byQueue"],
      [allow({ redrivePermission: "allowAll", extra: 1 }), "unknown field extra"],
      [
        allow({ redrivePermission: "denyAll", sourceQueueArns: [arn("a")] }),
        "only with redrivePermission byQueue",
      ],
      [allow({ redrivePermission: "byQueue" }), "a list of 1 to 10 queue ARNs"],
      [allow({ redrivePermission: "byQueue", sourceQueueArns: [] }), "a list of 1 to 10 queue ARNs"],
      [allow({ redrivePermission: "byQueue", sourceQueueArns: eleven }), "a list of 1 to 10 queue ARNs"],
      [
        allow({ redrivePermission: "byQueue", sourceQueueArns: [arn("bad name!")] }),
        "each name a valid queue",
      ],
      [allow({ redrivePermission: "byQueue", sourceQueueArns: [7] }), "each name a valid queue"],
    ] as const) {
      const result = parseQueueAttributes({ RedriveAllowPolicy: bad }, { fifo: false });
      expect(result).toMatchObject({
        ok: false,
        code: "INVALID_ARGUMENT",
        field: "Attributes.RedriveAllowPolicy",
      });
      if (!result.ok) expect(result.message).toContain(reason);
    }
  });

  it("lets a dead-letter queue's RedriveAllowPolicy decide which sources it takes", () => {
    const byQueue = JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arn("src")] });
    expect(redriveAllows(undefined, "src")).toBe(true);
    expect(redriveAllows(JSON.stringify({ redrivePermission: "allowAll" }), "src")).toBe(true);
    expect(redriveAllows(JSON.stringify({ redrivePermission: "denyAll" }), "src")).toBe(false);
    expect(redriveAllows(byQueue, "src")).toBe(true);
    expect(redriveAllows(byQueue, "other")).toBe(false);
    expect(parseRedriveAllowPolicy(byQueue)).toEqual({ redrivePermission: "byQueue", sourceQueues: ["src"] });
  });

  it("takes FIFO attributes on FIFO queues only, and refuses unknown attributes", () => {
    const fifo = parseQueueAttributes(
      {
        FifoQueue: "true",
        ContentBasedDeduplication: "true",
        DeduplicationScope: "messageGroup",
        FifoThroughputLimit: "perMessageGroupId",
      },
      { fifo: true },
    );
    expect(fifo).toMatchObject({
      ok: true,
      value: { fifo: true, contentBasedDeduplication: true, deduplicationScope: "messageGroup" },
    });
    expect(parseQueueAttributes({ ContentBasedDeduplication: "true" }, { fifo: false })).toMatchObject({
      ok: false,
    });
    expect(parseQueueAttributes({ FifoQueue: "true" }, { fifo: false })).toMatchObject({
      ok: false,
      field: "Attributes.FifoQueue",
    });
    expect(parseQueueAttributes({ DeduplicationScope: "group" }, { fifo: true })).toMatchObject({
      ok: false,
    });
    expect(parseQueueAttributes({ Colour: "blue" }, { fifo: false })).toMatchObject({
      ok: false,
      field: "Attributes.Colour",
    });
  });

  it("keeps a base config's values for attributes a SetQueueAttributes leaves out", () => {
    const base = { ...defaultQueueConfig(false), delaySeconds: 10 };
    expect(parseQueueAttributes({ VisibilityTimeout: "5" }, { fifo: false, base })).toEqual({
      ok: true,
      value: { ...base, visibilityTimeoutSeconds: 5 },
    });
  });

  it("formats a config back into the attributes that parse to it", () => {
    const parsed = parseQueueAttributes(
      {
        VisibilityTimeout: "7",
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn("d.fifo"), maxReceiveCount: 4 }),
        ContentBasedDeduplication: "true",
      },
      { fifo: true },
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const formatted = formatQueueAttributes(parsed.value, arn);
    expect(parseQueueAttributes(formatted, { fifo: true })).toEqual(parsed);
  });
});
