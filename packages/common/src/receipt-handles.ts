/**
 * Receipt handles name their partition's group, so a delete or visibility change sent to any node reaches
 * the partition that issued the handle, and the SDK can send it straight to that partition's leader. The
 * partition's own handle follows the dot and stays opaque.
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
