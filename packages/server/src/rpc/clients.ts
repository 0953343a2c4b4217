import { credentials, type Client, type ServiceError } from "@grpc/grpc-js";
import { loadMillraceProto, type v1 } from "@millrace/proto";
import { type MillraceError } from "@millrace/common";
import { fromServiceError } from "@millrace/gateway";
import { clientWindowOptions } from "./flow-control.js";

export type Callback<T> = (error: ServiceError | null, value?: T) => void;

/**
 * Calls a unary method, following NOT_LEADER hints to the leader (a few hops at most) and retrying
 * retryable errors with a short backoff, within `deadlineMs` overall. A failure is reported as the
 * attempt that said why: once the time is nearly out no attempt starts that only the deadline could
 * end, and an attempt the deadline ended gives way to the failure before it (a node that is down was
 * reported as "Deadline exceeded after 0.000s, waiting for name resolution", not as refusing
 * connections).
 */
export async function callWithRedirects<C extends Client, T>(options: {
  endpoint: string;
  make: (address: string) => C;
  call: (client: C, deadline: number, callback: Callback<T>) => void;
  deadlineMs: number;
}): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  let address = options.endpoint;
  let previous: MillraceError | undefined;
  for (let attempt = 0; ; attempt++) {
    const client = options.make(address);
    try {
      return await new Promise<T>((resolve, reject) => {
        options.call(client, deadline, (error, value) =>
          error === null ? resolve(value as T) : reject(error),
        );
      });
    } catch (error) {
      const e = fromServiceError(error as ServiceError);
      if (previous !== undefined && Date.now() >= deadline) throw previous;
      const hint = e.details.leaderHint?.address;
      if (hint !== undefined && hint !== "" && hint !== address) address = hint;
      const pauseMs = Math.min(50 * 2 ** Math.min(attempt, 4), 500);
      if (!e.retryable || attempt >= 50 || Date.now() + pauseMs >= deadline) throw e;
      previous = e;
      await new Promise((r) => setTimeout(r, pauseMs));
    } finally {
      client.close();
    }
  }
}

export function adminClient(address: string): v1.AdminServiceClient {
  return new (loadMillraceProto().millrace.v1.AdminService)(
    address,
    credentials.createInsecure(),
    clientWindowOptions,
  );
}

export function logClient(address: string): v1.LogServiceClient {
  return new (loadMillraceProto().millrace.v1.LogService)(
    address,
    credentials.createInsecure(),
    clientWindowOptions,
  );
}
