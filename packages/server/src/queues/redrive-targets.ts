import { queueNameOfArn } from "@millrace/broker";
import { type ResourceRecord } from "@millrace/router";

/** The dead-letter queue a queue's RedrivePolicy names, if it has one (the gateway checked it on the way in). */
export function redriveTargetOf(q: ResourceRecord): string | undefined {
  const policy = q.attributes["RedrivePolicy"];
  if (policy === undefined) return undefined;
  try {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: unknown };
    return typeof parsed.deadLetterTargetArn === "string"
      ? queueNameOfArn(parsed.deadLetterTargetArn)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The queues whose RedrivePolicy names `deadLetterQueue`, in name order. */
export function deadLetterSourcesOf(resources: Iterable<ResourceRecord>, deadLetterQueue: string): string[] {
  return [...resources]
    .filter((q) => q.kind === "queue" && redriveTargetOf(q) === deadLetterQueue)
    .map((q) => q.name)
    .sort();
}
