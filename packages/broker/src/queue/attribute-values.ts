/** Pieces of SQS attribute values that more than one attribute is made of. */

/** The queue name at the end of an SQS ARN (arn:aws:sqs:region:account:name), or the text itself. */
export function queueNameOfArn(arn: string): string {
  if (!arn.startsWith("arn:")) return arn;
  const parts = arn.split(":");
  return parts.length === 6 ? (parts[5] as string) : "";
}

/** An attribute whose value is a JSON object (RedrivePolicy, RedriveAllowPolicy), or undefined if not. */
export function jsonObjectOf(value: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
