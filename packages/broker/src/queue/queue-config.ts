import { ErrorCode, isFifoName, isValidQueueName, limits } from "@millrace/common";
import { jsonObjectOf, queueNameOfArn } from "./attribute-values.js";
import { parseRedriveAllowPolicy } from "./redrive-allow-policy.js";

/** What a queue partition needs of its queue's attributes, parsed and checked. */
export interface QueueConfig {
  readonly fifo: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly receiveWaitSeconds: number;
  readonly redrivePolicy?: RedrivePolicy;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: DeduplicationScope;
  readonly fifoThroughputLimit: FifoThroughputLimit;
  /**
   * This partition's share of the queue's cap on messages in flight (`partitionConfig` sets it). Not an
   * SQS attribute; when absent the whole cap for the queue's type applies (`inflightMessagesMaxOf`).
   */
  readonly inflightMessagesMax?: number;
}

export interface RedrivePolicy {
  /** The dead-letter queue's name (an ARN in SQS; the server resolves it). */
  readonly deadLetterTarget: string;
  readonly maxReceiveCount: number;
}

export const DeduplicationScope = { queue: "queue", messageGroup: "messageGroup" } as const;
export type DeduplicationScope = (typeof DeduplicationScope)[keyof typeof DeduplicationScope];

export const FifoThroughputLimit = { perQueue: "perQueue", perMessageGroupId: "perMessageGroupId" } as const;
export type FifoThroughputLimit = (typeof FifoThroughputLimit)[keyof typeof FifoThroughputLimit];

export function defaultQueueConfig(fifo: boolean): QueueConfig {
  return {
    fifo,
    visibilityTimeoutSeconds: limits.visibilityTimeoutSecondsDefault,
    messageRetentionSeconds: limits.retentionSecondsDefault,
    delaySeconds: limits.delaySecondsDefault,
    maximumMessageSize: limits.messageBodyBytesDefault,
    receiveWaitSeconds: limits.waitTimeSecondsDefault,
    contentBasedDeduplication: false,
    deduplicationScope: DeduplicationScope.queue,
    fifoThroughputLimit: FifoThroughputLimit.perQueue,
  };
}

/** The cap on messages in flight that `config` sets, or the default for its queue type. */
export function inflightMessagesMaxOf(config: QueueConfig): number {
  if (config.inflightMessagesMax !== undefined) return config.inflightMessagesMax;
  return config.fifo ? limits.fifoQueueInflightMessagesMax : limits.queueInflightMessagesMax;
}

/**
 * The config one of a queue's `partitions` partitions gets: the queue's config with an equal share of its
 * in-flight cap, rounded up, so the queue as a whole holds about the cap SQS documents. A partition whose
 * share is used up refuses receives even while another still has room; the server then receives from the
 * others.
 */
export function partitionConfig(config: QueueConfig, partitions: number): QueueConfig {
  return { ...config, inflightMessagesMax: Math.ceil(inflightMessagesMaxOf(config) / partitions) };
}

export type ConfigResult =
  | { readonly ok: true; readonly value: QueueConfig }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly field: string };

/** Integer attributes: SQS name, config field, and AWS's range. */
const integerAttributes = [
  ["VisibilityTimeout", "visibilityTimeoutSeconds", 0, limits.visibilityTimeoutSecondsMax],
  [
    "MessageRetentionPeriod",
    "messageRetentionSeconds",
    limits.retentionSecondsMin,
    limits.retentionSecondsMax,
  ],
  ["DelaySeconds", "delaySeconds", 0, limits.delaySecondsMax],
  ["MaximumMessageSize", "maximumMessageSize", limits.messageBodyBytesMin, limits.messageBodyBytesMax],
  ["ReceiveMessageWaitTimeSeconds", "receiveWaitSeconds", 0, limits.waitTimeSecondsMax],
] as const;

/** Attributes SQS accepts that the partition does not act on; the server keeps them in the catalog. */
const passThroughAttributes = new Set(["Policy", "KmsMasterKeyId", "SqsManagedSseEnabled"]);
const kmsReuseSecondsMin = 60;
const kmsReuseSecondsMax = 86_400;

export interface ParseQueueAttributesOptions {
  readonly fifo: boolean;
  /** The queue's current config for SetQueueAttributes; omitted attributes keep its values. */
  readonly base?: QueueConfig;
}

/**
 * Parses an SQS attribute map (string values, as CreateQueue and SetQueueAttributes carry them) into a
 * config, checking each value against AWS's range and rejecting unknown names and FIFO-only attributes on
 * standard queues. Errors are INVALID_ARGUMENT naming the attribute as `Attributes.<Name>`.
 */
export function parseQueueAttributes(
  attributes: Readonly<Record<string, string>>,
  options: ParseQueueAttributesOptions,
): ConfigResult {
  const { fifo } = options;
  const config: { -readonly [K in keyof QueueConfig]: QueueConfig[K] } = {
    ...(options.base ?? defaultQueueConfig(fifo)),
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name] as string;
    const problem = applyAttribute(config, name, value, fifo);
    if (problem !== undefined) return invalid(`Attributes.${name}`, problem);
  }
  if (config.fifo !== fifo)
    return invalid("Attributes.FifoQueue", "FifoQueue cannot differ from the queue's type");
  return { ok: true, value: config };
}

type MutableConfig = { -readonly [K in keyof QueueConfig]: QueueConfig[K] };

function applyAttribute(
  config: MutableConfig,
  name: string,
  value: string,
  fifo: boolean,
): string | undefined {
  const integer = integerAttributes.find(([sqsName]) => sqsName === name);
  if (integer !== undefined) {
    const [, key, min, max] = integer;
    const parsed = parseInteger(value);
    if (parsed === undefined || parsed < min || parsed > max)
      return `${name} must be an integer from ${min} to ${max}`;
    config[key] = parsed;
    return undefined;
  }
  switch (name) {
    case "FifoQueue": {
      const parsed = parseBoolean(value);
      if (parsed === undefined) return "FifoQueue must be true or false";
      config.fifo = parsed;
      return undefined;
    }
    case "RedrivePolicy":
      return applyRedrivePolicy(config, value, fifo);
    case "RedriveAllowPolicy": {
      // Kept by the server with the queue's attributes; checked here so a bad one is refused when set.
      const policy = parseRedriveAllowPolicy(value);
      return typeof policy === "string" ? policy : undefined;
    }
    case "ContentBasedDeduplication":
    case "DeduplicationScope":
    case "FifoThroughputLimit":
      return fifo ? applyFifoAttribute(config, name, value) : `${name} applies only to FIFO queues`;
    case "KmsDataKeyReusePeriodSeconds": {
      const parsed = parseInteger(value);
      return parsed === undefined || parsed < kmsReuseSecondsMin || parsed > kmsReuseSecondsMax
        ? `${name} must be an integer from ${kmsReuseSecondsMin} to ${kmsReuseSecondsMax}`
        : undefined;
    }
    default:
      return passThroughAttributes.has(name) ? undefined : `unknown attribute ${name}`;
  }
}

function applyFifoAttribute(config: MutableConfig, name: string, value: string): string | undefined {
  if (name === "ContentBasedDeduplication") {
    const parsed = parseBoolean(value);
    if (parsed === undefined) return `${name} must be true or false`;
    config.contentBasedDeduplication = parsed;
  } else if (name === "DeduplicationScope") {
    if (value !== "queue" && value !== "messageGroup") return `${name} must be queue or messageGroup`;
    config.deduplicationScope = value;
  } else {
    if (value !== "perQueue" && value !== "perMessageGroupId")
      return `${name} must be perQueue or perMessageGroupId`;
    config.fifoThroughputLimit = value;
  }
  return undefined;
}

/** RedrivePolicy is JSON: {"deadLetterTargetArn": "...", "maxReceiveCount": N}; an empty string removes it. */
function applyRedrivePolicy(config: MutableConfig, value: string, fifo: boolean): string | undefined {
  if (value === "") {
    delete config.redrivePolicy;
    return undefined;
  }
  const policy = jsonObjectOf(value);
  if (policy === undefined) return "RedrivePolicy must be a JSON object";
  const target = policy["deadLetterTargetArn"];
  const count = policy["maxReceiveCount"];
  if (typeof target !== "string") return "RedrivePolicy needs deadLetterTargetArn";
  const targetName = queueNameOfArn(target);
  if (!isValidQueueName(targetName)) return "RedrivePolicy's deadLetterTargetArn does not name a valid queue";
  if (isFifoName(targetName) !== fifo)
    return "a dead-letter queue must be of the same type as its source queue";
  const maxReceiveCount =
    typeof count === "number" ? count : typeof count === "string" ? parseInteger(count) : undefined;
  if (
    maxReceiveCount === undefined ||
    !Number.isSafeInteger(maxReceiveCount) ||
    maxReceiveCount < limits.redriveReceiveCountMin ||
    maxReceiveCount > limits.redriveReceiveCountMax
  ) {
    return `RedrivePolicy's maxReceiveCount must be an integer from ${limits.redriveReceiveCountMin} to ${limits.redriveReceiveCountMax}`;
  }
  config.redrivePolicy = { deadLetterTarget: targetName, maxReceiveCount };
  return undefined;
}

/** The config as SQS attribute strings, for GetQueueAttributes. `arnOf` turns a queue name into its ARN. */
export function formatQueueAttributes(
  config: QueueConfig,
  arnOf: (queueName: string) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [sqsName, key] of integerAttributes) out[sqsName] = String(config[key]);
  if (config.redrivePolicy !== undefined) {
    out["RedrivePolicy"] = JSON.stringify({
      deadLetterTargetArn: arnOf(config.redrivePolicy.deadLetterTarget),
      maxReceiveCount: config.redrivePolicy.maxReceiveCount,
    });
  }
  if (config.fifo) {
    out["FifoQueue"] = "true";
    out["ContentBasedDeduplication"] = String(config.contentBasedDeduplication);
    out["DeduplicationScope"] = config.deduplicationScope;
    out["FifoThroughputLimit"] = config.fifoThroughputLimit;
  }
  return out;
}

/** Checks a config that arrived inside a command, since the log is input like any other. */
export function isQueueConfig(value: unknown): value is QueueConfig {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  for (const [, key, min, max] of integerAttributes) {
    const v = c[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) return false;
  }
  if (typeof c["fifo"] !== "boolean" || typeof c["contentBasedDeduplication"] !== "boolean") return false;
  if (c["deduplicationScope"] !== "queue" && c["deduplicationScope"] !== "messageGroup") return false;
  if (c["fifoThroughputLimit"] !== "perQueue" && c["fifoThroughputLimit"] !== "perMessageGroupId")
    return false;
  const inflightMax = c["inflightMessagesMax"];
  if (inflightMax !== undefined && (!Number.isSafeInteger(inflightMax) || (inflightMax as number) < 1))
    return false;
  const redrive = c["redrivePolicy"];
  if (redrive === undefined) return true;
  if (typeof redrive !== "object" || redrive === null) return false;
  const r = redrive as Record<string, unknown>;
  const count = r["maxReceiveCount"];
  return (
    typeof r["deadLetterTarget"] === "string" &&
    isValidQueueName(r["deadLetterTarget"]) &&
    typeof count === "number" &&
    Number.isSafeInteger(count) &&
    count >= limits.redriveReceiveCountMin &&
    count <= limits.redriveReceiveCountMax
  );
}

function parseInteger(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return parseInt(text, 10);
}

function parseBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : undefined;
}

function invalid(field: string, message: string): ConfigResult {
  return { ok: false, code: ErrorCode.INVALID_ARGUMENT, message, field };
}
