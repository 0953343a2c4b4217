/** The account id in queue URLs and ARNs: Millrace has one namespace, shown as AWS's placeholder account. */
export const accountId = "000000000000";
export const region = "millrace";

export function queueArn(name: string): string {
  return `arn:aws:sqs:${region}:${accountId}:${name}`;
}

/** The queue's URL on the AWS-compatible HTTP API of the node that answered. */
export function queueUrl(httpAddress: string, name: string): string {
  return `http://${httpAddress}/${accountId}/${name}`;
}

/**
 * Receipt handles name their partition's group, so a delete or visibility change sent to any node reaches
 * the partition that issued the handle. The partition's own handle follows the dot and stays opaque.
 */
export function wrapReceiptHandle(groupId: number, handle: string): string {
  return `${groupId.toString(36)}.${handle}`;
}

export function unwrapReceiptHandle(handle: string): { groupId: number; handle: string } | undefined {
  const dot = handle.indexOf(".");
  if (dot < 1 || dot > 8) return undefined;
  const groupId = Number.parseInt(handle.slice(0, dot), 36);
  if (!Number.isSafeInteger(groupId) || groupId < 1 || groupId.toString(36) !== handle.slice(0, dot))
    return undefined;
  return { groupId, handle: handle.slice(dot + 1) };
}
