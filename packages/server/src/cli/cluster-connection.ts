import { connect, type MillraceClient } from "@millrace/client";
import { type CommandLine, UsageError, flagValues, integerFlag, isHostPort } from "./command-line.js";

export const defaultEndpoint = "127.0.0.1:7400";

/** Where and how long: `--endpoint host:port` (repeatable) and `--deadline-ms`. */
export interface Connection {
  readonly endpoints: readonly string[];
  /** Each call's whole budget, retries included; also bounds connecting. Unset: the SDK's defaults. */
  readonly deadlineMs: number | undefined;
}

export function connectionOf(line: CommandLine, usage: string): Connection {
  const given = flagValues(line, "endpoint");
  const bad = given.find((e) => !isHostPort(e));
  if (bad !== undefined)
    throw new UsageError(`--endpoint must be host:port, not ${JSON.stringify(bad)}`, usage);
  return {
    endpoints: given.length === 0 ? [defaultEndpoint] : given,
    deadlineMs: integerFlag(line, "deadline-ms", { min: 1, max: 2 ** 31 - 1 }, usage),
  };
}

/**
 * Connects with the SDK, runs `work` and closes the client whatever happens: its routing watch would
 * otherwise keep the process alive. SDK errors are MillraceErrors, which main prints as `CODE: message`.
 */
export async function withClient<T>(
  connection: Connection,
  work: (client: MillraceClient) => Promise<T>,
): Promise<T> {
  const client = await connect({
    endpoints: connection.endpoints,
    ...(connection.deadlineMs === undefined
      ? {}
      : { deadlineMs: connection.deadlineMs, connectTimeoutMs: connection.deadlineMs }),
  });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
