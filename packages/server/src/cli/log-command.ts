import { ErrorCode, MillraceError } from "@millrace/common";
import { type v1 } from "@millrace/proto";
import { parseFlags } from "./flags.js";
import { callWithRedirects, logClient } from "../rpc/clients.js";

/**
 * `millrace log append <text>...` appends each argument as a record; `millrace log read` prints them;
 * `millrace log trim --before N` discards the records below N.
 */
export async function runLog(args: readonly string[]): Promise<number> {
  const { flags, positional } = parseFlags(args);
  const [action, ...texts] = positional;
  const endpoint = flags["endpoint"] ?? "127.0.0.1:7400";
  if (action === "append") {
    if (texts.length === 0)
      throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "log append needs at least one record");
    const response = await callWithRedirects<ReturnType<typeof logClient>, v1.AppendResponse__Output>({
      endpoint,
      make: logClient,
      deadlineMs: 10_000,
      call: (c, deadline, cb) =>
        c.append({ groupId: 0, records: texts.map((t) => Buffer.from(t)) }, { deadline }, cb),
    });
    process.stdout.write(`appended ${response.count} record(s) from sequence ${response.firstSeq}\n`);
    return 0;
  }
  if (action === "read") {
    const response = await callWithRedirects<ReturnType<typeof logClient>, v1.ReadResponse__Output>({
      endpoint,
      make: logClient,
      deadlineMs: 10_000,
      call: (c, deadline, cb) =>
        c.read(
          { groupId: 0, fromSeq: flags["from"] ?? "1", limit: Number(flags["limit"] ?? "100") },
          { deadline },
          cb,
        ),
    });
    for (const record of response.records) process.stdout.write(`${record.seq}\t${record.data.toString()}\n`);
    process.stdout.write(`(first ${response.firstSeq}, next ${response.nextSeq})\n`);
    return 0;
  }
  if (action === "trim") {
    const before = flags["before"];
    if (before === undefined || !/^[1-9][0-9]*$/.test(before)) {
      throw new MillraceError(ErrorCode.INVALID_ARGUMENT, "log trim needs --before N, a positive integer");
    }
    const response = await callWithRedirects<ReturnType<typeof logClient>, v1.TrimResponse__Output>({
      endpoint,
      make: logClient,
      deadlineMs: 10_000,
      call: (c, deadline, cb) => c.trim({ groupId: 0, beforeSeq: before }, { deadline }, cb),
    });
    process.stdout.write(`the log now starts at sequence ${response.firstSeq}\n`);
    return 0;
  }
  throw new MillraceError(
    ErrorCode.INVALID_ARGUMENT,
    "usage: millrace log append <text>... | millrace log read [--from N] [--limit N] | millrace log trim --before N",
  );
}
