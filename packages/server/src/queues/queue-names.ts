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
