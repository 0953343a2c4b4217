/** The queue name at the end of an SQS ARN (arn:aws:sqs:region:account:name), or the text itself. */
export function queueNameOfArn(arn: string): string {
  if (!arn.startsWith("arn:")) return arn;
  const parts = arn.split(":");
  return parts.length === 6 ? (parts[5] as string) : "";
}
