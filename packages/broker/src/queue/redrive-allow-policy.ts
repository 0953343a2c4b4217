import { isValidQueueName, limits } from "@millrace/common";
import { jsonObjectOf, queueNameOfArn } from "./attribute-values.js";

/** Which queues may name a queue as their dead-letter queue (its RedriveAllowPolicy attribute). */
export type RedriveAllowPolicy =
  | { readonly redrivePermission: "allowAll" | "denyAll" }
  | { readonly redrivePermission: "byQueue"; readonly sourceQueues: readonly string[] };

const permissions = new Set(["allowAll", "denyAll", "byQueue"]);

/**
 * Parses RedriveAllowPolicy as SQS defines it: a JSON object {"redrivePermission": "allowAll" | "denyAll"
 * | "byQueue", "sourceQueueArns": [...]}, the ARNs (1 to 10) required with byQueue and refused with the
 * others. An empty string, which removes the attribute, is allowAll, SQS's default. Returns the policy,
 * or what is wrong with it.
 */
export function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy | string {
  if (value === "") return { redrivePermission: "allowAll" };
  const policy = jsonObjectOf(value);
  if (policy === undefined) return "RedriveAllowPolicy must be a JSON object";
  const unknown = Object.keys(policy).find((k) => k !== "redrivePermission" && k !== "sourceQueueArns");
  if (unknown !== undefined) return `RedriveAllowPolicy has an unknown field ${unknown.slice(0, 64)}`;
  const permission = policy["redrivePermission"];
  if (typeof permission !== "string" || !permissions.has(permission))
    return "RedriveAllowPolicy's redrivePermission must be allowAll, denyAll or byQueue";
  const arns = policy["sourceQueueArns"];
  if (permission !== "byQueue") {
    return arns === undefined
      ? { redrivePermission: permission as "allowAll" | "denyAll" }
      : "RedriveAllowPolicy takes sourceQueueArns only with redrivePermission byQueue";
  }
  const max = limits.redriveAllowSourceQueuesMax;
  if (!Array.isArray(arns) || arns.length === 0 || arns.length > max)
    return `RedriveAllowPolicy with byQueue needs sourceQueueArns: a list of 1 to ${max} queue ARNs`;
  const sourceQueues: string[] = [];
  for (const arn of arns as unknown[]) {
    const name = typeof arn === "string" ? queueNameOfArn(arn) : "";
    if (!isValidQueueName(name)) return "RedriveAllowPolicy's sourceQueueArns must each name a valid queue";
    sourceQueues.push(name);
  }
  return { redrivePermission: "byQueue", sourceQueues };
}

/** Whether a dead-letter queue with this RedriveAllowPolicy text (undefined: none) takes `sourceQueue`. */
export function redriveAllows(policyText: string | undefined, sourceQueue: string): boolean {
  // A stored policy was checked when it was set; one that no longer parses allows nothing.
  const policy = parseRedriveAllowPolicy(policyText ?? "");
  if (typeof policy === "string") return false;
  switch (policy.redrivePermission) {
    case "allowAll":
      return true;
    case "denyAll":
      return false;
    case "byQueue":
      return policy.sourceQueues.includes(sourceQueue);
  }
}
